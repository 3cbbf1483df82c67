"""Signature-pad drawings: decoded strictly, refused in French when unreadable or empty,
written again without what the browser added."""

import base64
import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image, ImageDraw, PngImagePlugin

from core import signatures


def as_data_url(content):
    return signatures.DATA_URL_PREFIX + base64.b64encode(content).decode()


def png(size=(600, 200), ink=True, info=None):
    image = Image.new("RGBA", size, (255, 255, 255, 0))
    if ink:
        ImageDraw.Draw(image).line([(40, 150), (200, 40), (560, 60)], fill="black", width=4)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def noisy_png(size):
    buffer = io.BytesIO()
    Image.effect_noise(size, 120).convert("RGB").save(buffer, format="PNG")
    return buffer.getvalue()


def refused_with(value):
    with pytest.raises(ValidationError) as error:
        signatures.signature_png(value)
    return error.value.messages


def test_a_drawing_comes_back_as_an_opaque_png_without_its_metadata():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "from the browser")
    result = Image.open(io.BytesIO(signatures.signature_png(as_data_url(png(info=info)))))
    assert (result.format, result.mode, result.size) == ("PNG", "RGB", (600, 200))
    assert "Comment" not in result.info
    assert result.getpixel((0, 0)) == (255, 255, 255)  # transparency flattened on white


@pytest.mark.parametrize(
    "value",
    [
        None,
        12,
        "",
        "data:image/jpeg;base64,AAAA",
        "data:image/png;base64,!!!",
        as_data_url(b"GIF89a"),
        as_data_url(png(size=(3001, 100))),
    ],
)
def test_anything_but_a_readable_png_of_a_sane_size_is_refused(value):
    assert refused_with(value) == [str(signatures.SIGNATURE_UNREADABLE)]


def test_an_empty_pad_is_refused_with_its_own_message():
    assert refused_with(as_data_url(png(ink=False))) == [str(signatures.SIGNATURE_EMPTY)]


def test_an_oversized_signature_is_refused():
    drawing = noisy_png((600, 500))  # a real, inked PNG within the allowed dimensions
    assert len(drawing) > signatures.SIGNATURE_MAX_BYTES
    data_url = "data:image/png;base64," + base64.b64encode(drawing).decode()
    with pytest.raises(ValidationError) as refusal:
        signatures.signature_png(data_url)
    assert refusal.value.messages == [str(signatures.SIGNATURE_UNREADABLE)]
