"""Signatures drawn on screen with the signature pad: the PNG data URL the page sends,
checked and re-encoded once for every document that keeps one (roll-call sheets,
hand-overs of devices).

The data URL comes straight from a browser, so it is treated as hostile: bounded in size,
decoded strictly, opened as a PNG only, and written again without its metadata."""

import base64
import binascii
import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from PIL import Image, UnidentifiedImageError

SIGNATURE_UNREADABLE = gettext_noop(
    "La signature n'a pas pu être lue. Demandez à la personne de signer à nouveau."
)
SIGNATURE_EMPTY = gettext_noop("Le cadre est vide : la personne doit signer dedans.")

SIGNATURE_MAX_BYTES = 300 * 1024
DATA_URL_PREFIX = "data:image/png;base64,"
MAX_WIDTH, MAX_HEIGHT = 3000, 2000


def signature_png(data_url):
    """The PNG drawn by the signature pad, checked (a readable, not empty image of a sane
    size) and re-encoded without metadata."""
    prefix = DATA_URL_PREFIX
    if not isinstance(data_url, str) or not data_url.startswith(prefix):
        raise ValidationError(_(SIGNATURE_UNREADABLE))
    if len(data_url) > SIGNATURE_MAX_BYTES * 4 // 3 + len(prefix) + 4:
        raise ValidationError(_(SIGNATURE_UNREADABLE))
    try:
        raw = base64.b64decode(data_url.removeprefix(prefix), validate=True)
        image = Image.open(io.BytesIO(raw))
        if image.format != "PNG" or image.width > MAX_WIDTH or image.height > MAX_HEIGHT:
            raise ValidationError(_(SIGNATURE_UNREADABLE))
        image.load()
    except (binascii.Error, UnidentifiedImageError, OSError) as error:
        raise ValidationError(_(SIGNATURE_UNREADABLE)) from error
    flat = Image.new("RGB", image.size, "white")
    rgba = image.convert("RGBA")
    flat.paste(rgba, mask=rgba.getchannel("A"))
    ink = flat.convert("L").point(lambda value: 255 if value < 160 else 0)
    if ink.getbbox() is None:
        raise ValidationError(_(SIGNATURE_EMPTY))
    output = io.BytesIO()
    flat.save(output, format="PNG", optimize=True)
    return output.getvalue()
