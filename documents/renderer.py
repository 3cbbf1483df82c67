"""The one PDF renderer: a Django template → PDF bytes with xhtml2pdf, fonts embedded.

Every PDF template extends `documents/pdf/base.html`, which declares the fonts; `fonts/…`,
`static/…` and `media/…` URLs are resolved to files by `link_callback`, and nothing is
fetched from the network. DejaVu Sans (npm package dejavu-fonts-ttf) covers French, the euro
sign, Cyrillic and Arabic.
"""

import base64
import io
import mimetypes
from pathlib import Path

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import timezone, translation
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

__all__ = ["PDFRenderError", "embedded", "font_dir", "qr_data_uri", "render_pdf"]


class PDFRenderError(Exception):
    pass


def font_dir():
    return Path(settings.PDF_FONT_DIR)


def _inside(root, relative):
    """`relative` under `root`, or None when it would leave it (`../`, an absolute path, a
    symbolic link pointing out)."""
    root = Path(root).resolve()
    path = (root / relative).resolve()
    return path if path.is_relative_to(root) else None


def link_callback(uri, rel):
    """Map a URL in the template to a local file; refuse anything else: no network (http://,
    an internal address), no file:// and no path out of the fonts, static or media folders,
    whatever a user-typed value may hold."""
    if uri.startswith("data:"):
        return uri
    if uri.startswith("fonts/"):
        path = _inside(font_dir(), uri.removeprefix("fonts/"))
    elif uri.startswith(settings.MEDIA_URL):
        path = _inside(settings.MEDIA_ROOT, uri.removeprefix(settings.MEDIA_URL))
    elif uri.startswith(settings.STATIC_URL):
        try:
            found = finders.find(uri.removeprefix(settings.STATIC_URL))
        except SuspiciousFileOperation:
            found = None
        path = Path(found).resolve() if found else None
    else:
        path = None
    if path is None or not path.is_file():
        raise PDFRenderError(f"PDF resource not found or not allowed: {uri}")
    return str(path)


def resource_policy():
    """What xhtml2pdf may read: nothing from the network, local files only from the fonts,
    the project (static files) and the media folder (logos, signatures). By default it
    confines reads to the fonts folder and silently drops every other image."""
    return ResourceAccessPolicy(
        allow_remote=False,
        base_dir=font_dir(),
        extra_roots=(Path(settings.BASE_DIR), Path(settings.MEDIA_ROOT)),
    )


def qr_data_uri(url, scale=4):
    """A QR code as a PNG data: URI, to print a link people can scan."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=2)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def render_pdf(template_name, context, *, language=None):
    """Render `template_name` with `context` to PDF bytes, in `language` and Paris time."""
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        with timezone.override(settings.TIME_ZONE):
            html = render_to_string(template_name, context)
    output = io.BytesIO()
    result = pisa.CreatePDF(
        html,
        dest=output,
        encoding="utf-8",
        link_callback=link_callback,
        path=str(font_dir() / "document.html"),
        resource_policy=resource_policy(),
    )
    if result.err:
        raise PDFRenderError(f"xhtml2pdf failed on {template_name}: {result.err} error(s)")
    return output.getvalue()


def embedded(file):
    """A stored image (a FieldFile or a Wagtail rendition) as a data: URI, read through its
    storage: the same on the local disk and on S3, where the file has no local path and its
    URL is a signed link xhtml2pdf may not fetch (no network)."""
    if not file:
        return ""
    with file.open("rb") as handle:
        data = handle.read()
    kind = mimetypes.guess_type(file.name)[0] or "image/png"
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
