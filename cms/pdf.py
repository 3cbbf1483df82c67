"""The one PDF helper: a Django template → PDF bytes with xhtml2pdf, fonts embedded.

Templates declare the fonts with `{% include "cms/pdf/fonts.html" %}`; `fonts/…`, `static/…`
and `media/…` URLs are resolved to files by `link_callback`, and nothing is fetched from
the network. DejaVu Sans (npm package dejavu-fonts-ttf) covers French, the euro sign,
Cyrillic and Arabic.
"""

import base64
import datetime
import hashlib
import io
import json
import logging
import mimetypes
from pathlib import Path

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
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
    "document_enqueue",
    "document_fill",
    "document_request",
    "documents_resume",
    "qr_data_uri",
    "render_pdf",
    "site_branding",
]


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
    tried again, and so is a pending one whose task never reached the broker or was lost
    (`document_queue_due`). `task` is the dotted path of a function taking the document's id.
    """
    fingerprint = hashlib.sha256(
        json.dumps(content, sort_keys=True, default=str).encode()
    ).hexdigest()[:32]
    with transaction.atomic():
        document, created = GeneratedDocument.objects.select_for_update().get_or_create(
            key=f"{kind}:{fingerprint}",
            defaults={
                "kind": kind,
                "params": {**params, "task": task, "task_done": False},
                "requested_by": requested_by,
            },
        )
        retry = document.status == GeneratedDocument.Status.FAILED
        if retry:
            document.status = GeneratedDocument.Status.PENDING
            document.error = ""
            document.save(update_fields=["status", "error"])
        if created or retry or document_queue_due(document):
            transaction.on_commit(lambda: document_enqueue(document, task))
    return document


def document_enqueue(document, task=None):
    """Hand a document's task to the broker and note when, in its params.

    When the broker is unreachable (Redis down), the error is logged and the document stays
    pending with no `queued_at`: the person who asked gets their page, which says the
    document waits, and `documents_resume` (every few minutes) or the next request hands it
    over once the broker is back. Returns whether the broker took it."""
    from django_q.tasks import async_task

    task = task or document.params.get("task")
    # Noted before: a quick worker then reads it, and its own notes are not overwritten.
    document.params = {**document.params, "task": task, "queued_at": timezone.now().isoformat()}
    GeneratedDocument.objects.filter(pk=document.pk).update(params=document.params)
    try:
        async_task(task, document.pk, **pdf_queue())
    except Exception:
        logger.exception("document %s: the task queue is unreachable, it waits", document.pk)
        document.params = {**document.params, "queued_at": None}
        GeneratedDocument.objects.filter(pk=document.pk).update(params=document.params)
        return False
    return True


def document_stale_seconds():
    """After this long, a pending document's task cannot be running any more: the broker
    would have handed it out again (ORM `retry`) and that run timed out. With Redis a task
    taken by a worker that dies is gone for good: this is when it is handed over again."""
    pdf = settings.Q_CLUSTER.get("ALT_CLUSTERS", {}).get(settings.Q_PDF_CLUSTER or "pdf", {})
    return max(
        settings.Q_CLUSTER.get("retry", 0) + settings.Q_CLUSTER.get("timeout", 0),
        pdf.get("retry", 0) + pdf.get("timeout", 0),
    )


def document_queue_due(document, now=None):
    """Whether a document's task should be handed to the broker (again): it is pending, or
    ready while the task's work after the file (`document_fill(after=…)`) is unfinished, and
    the task never reached the broker or was handed over so long ago that it was lost."""
    if not document.params.get("task"):
        return False
    if document.status == GeneratedDocument.Status.FAILED:
        return False
    if document.status == GeneratedDocument.Status.READY and document.params.get("task_done", True):
        return False
    queued_at = document.params.get("queued_at", "")
    if queued_at is None:
        return True
    # No time yet: being handed over right now (or the process died just before).
    since = datetime.datetime.fromisoformat(queued_at) if queued_at else document.created_at
    return ((now or timezone.now()) - since).total_seconds() > document_stale_seconds()


def documents_resume():
    """Scheduled every few minutes: hand over again the unfinished documents whose task never
    reached the broker (Redis was down) or was lost (a worker killed with the Redis broker).
    Every document task is idempotent, so a second run of a slow one costs time, not data."""
    resumed = 0
    now = timezone.now()
    unfinished = GeneratedDocument.objects.exclude(status=GeneratedDocument.Status.FAILED).filter(
        params__task_done=False
    )
    for document in unfinished:
        if document_queue_due(document, now=now):
            resumed += document_enqueue(document)
    if resumed:
        logger.info("%s pending document(s) handed to the task queue again", resumed)
    return resumed


def document_fill(document_id, build, after=None):
    """Run in a worker: `build(params)` returns (filename, pdf bytes), stored in the document.
    A ready document is not made again, so running the task twice costs nothing. Then
    `after(document)`, if given (e-mails…), runs until it has finished once: it must be
    idempotent itself, since a task killed in its middle runs it again."""
    document = GeneratedDocument.objects.filter(pk=document_id).first()
    if document is None:
        return None
    if document.status != GeneratedDocument.Status.READY:
        document = _document_make(document, build)
    if document.params.get("task_done") is False:
        if after is not None:
            after(document)
        document.params = {**document.params, "task_done": True}
        GeneratedDocument.objects.filter(pk=document.pk).update(params=document.params)
    return document


def _document_make(document, build):
    document_id = document.pk
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
