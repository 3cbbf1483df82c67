"""The one PDF helper: a Django template → PDF bytes with xhtml2pdf, fonts embedded.

Templates declare the fonts with `{% include "cms/pdf/fonts.html" %}`; `fonts/…`, `static/…`
and `media/…` URLs are resolved to files by `link_callback`, and nothing is fetched from
the network. DejaVu Sans (npm package dejavu-fonts-ttf) covers French, the euro sign,
Cyrillic and Arabic.
"""

import base64
import hashlib
import io
import json
import logging
import mimetypes
from pathlib import Path

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from xhtml2pdf import pisa
from xhtml2pdf.config.resources import ResourceAccessPolicy

from cms.models import BrandingSettings, GeneratedDocument

logger = logging.getLogger(__name__)

__all__ = [
    "GeneratedDocument",
    "document_fill",
    "document_request",
    "qr_data_uri",
    "render_pdf",
    "site_branding",
]


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


def site_branding(site=None):
    """The structure's name, logo file URL and contact for printed documents."""
    from wagtail.models import Site

    site = site or Site.objects.filter(is_default_site=True).first()
    branding = BrandingSettings.for_site(site) if site else None
    logo_url = signature_url = None
    if branding and branding.logo_id:
        logo_url = embedded(branding.logo.get_rendition("max-400x160|format-png").file)
    if branding and branding.signature_image_id:
        signature_url = embedded(
            branding.signature_image.get_rendition("max-500x200|format-png").file
        )
    return {
        "name": branding.organisation_name if branding else "Tremplin",
        "logo_url": logo_url,
        "contact": branding.contact if branding else "",
        "colour": branding.colour if branding else "#0b5c8c",
        "signatory_name": branding.signatory_name if branding else "",
        "signatory_title": branding.signatory_title if branding else "",
        "signature_url": signature_url,
    }


def pdf_queue():
    """django-q2 options sending a PDF batch to its own cluster when Q_PDF_CLUSTER is set
    (docs/deploy.md); none otherwise, so that the one default cluster runs it."""
    return {"cluster": settings.Q_PDF_CLUSTER} if settings.Q_PDF_CLUSTER else {}


def document_request(*, kind, content, params, task, requested_by=None):
    """Ask a django-q2 worker for a document, once per content.

    `content` is whatever decides what the document holds (ids, revisions, names): the same
    content gives the same document, so asking twice costs nothing; a failed document is
    tried again. `task` is the dotted path of a function taking the document's id.
    """
    from django_q.tasks import async_task

    fingerprint = hashlib.sha256(
        json.dumps(content, sort_keys=True, default=str).encode()
    ).hexdigest()[:32]
    with transaction.atomic():
        document, created = GeneratedDocument.objects.select_for_update().get_or_create(
            key=f"{kind}:{fingerprint}",
            defaults={"kind": kind, "params": params, "requested_by": requested_by},
        )
        retry = document.status == GeneratedDocument.Status.FAILED
        if retry:
            document.status = GeneratedDocument.Status.PENDING
            document.error = ""
            document.save(update_fields=["status", "error"])
        if created or retry:
            transaction.on_commit(lambda: async_task(task, document.pk, **pdf_queue()))
    return document


def document_fill(document_id, build):
    """Run in a worker: `build(params)` returns (filename, pdf bytes), stored in the document.
    A ready document is left alone, so running the task twice costs nothing."""
    document = GeneratedDocument.objects.filter(pk=document_id).first()
    if document is None or document.status == GeneratedDocument.Status.READY:
        logger.info("document %s: nothing to do", document_id)
        return document
    try:
        filename, pdf = build(document.params)
    except Exception as error:
        logger.exception("document %s failed", document_id)
        document.status = GeneratedDocument.Status.FAILED
        document.error = str(error)[:2000]
        document.finished_at = timezone.now()
        document.save(update_fields=["status", "error", "finished_at"])
        raise
    document.file.save(filename, ContentFile(pdf), save=False)
    document.status = GeneratedDocument.Status.READY
    document.finished_at = timezone.now()
    document.save(update_fields=["file", "status", "finished_at"])
    logger.info("document %s ready: %s bytes", document_id, len(pdf))
    return document
