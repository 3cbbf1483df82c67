"""The one PDF helper: a Django template → PDF bytes with xhtml2pdf, fonts embedded.

Templates declare the fonts with `{% include "cms/pdf/fonts.html" %}`; `fonts/…`, `static/…`
and `media/…` URLs are resolved to files by `link_callback`, and nothing is fetched from
the network. DejaVu Sans (npm package dejavu-fonts-ttf) covers French, the euro sign,
Cyrillic and Arabic.
"""

import base64
import io
import logging
from pathlib import Path

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation
from xhtml2pdf import pisa

from cms.models import BrandingSettings, GeneratedDocument

logger = logging.getLogger(__name__)

__all__ = ["GeneratedDocument", "qr_data_uri", "render_pdf", "site_branding"]


class PDFRenderError(Exception):
    pass


def font_dir():
    return Path(settings.PDF_FONT_DIR)


def link_callback(uri, rel):
    """Map a URL in the template to a local file; refuse anything else (no network)."""
    if uri.startswith("data:"):
        return uri
    if uri.startswith("fonts/"):
        path = font_dir() / uri.removeprefix("fonts/")
    elif uri.startswith(settings.MEDIA_URL):
        path = Path(settings.MEDIA_ROOT) / uri.removeprefix(settings.MEDIA_URL)
    elif uri.startswith(settings.STATIC_URL):
        found = finders.find(uri.removeprefix(settings.STATIC_URL))
        path = Path(found) if found else None
    else:
        path = None
    if path is None or not path.resolve().is_file():
        raise PDFRenderError(f"PDF resource not found or not allowed: {uri}")
    return str(path.resolve())


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
    )
    if result.err:
        raise PDFRenderError(f"xhtml2pdf failed on {template_name}: {result.err} error(s)")
    return output.getvalue()


def site_branding(site=None):
    """The structure's name, logo file URL and contact for printed documents."""
    from wagtail.models import Site

    site = site or Site.objects.filter(is_default_site=True).first()
    branding = BrandingSettings.for_site(site) if site else None
    logo_url = None
    if branding and branding.logo_id:
        logo_url = branding.logo.get_rendition("max-400x160|format-png").url
    return {
        "name": branding.organisation_name if branding else "Tremplin",
        "logo_url": logo_url,
        "contact": branding.contact if branding else "",
    }
