"""The document store: a PDF asked for once per content, made by a django-q2 worker, kept as
a `GeneratedDocument`, and handed to the task queue again when its task never reached it or
was lost (`documents_resume`, scheduled by documents/migrations).

A document's place in the queue is kept in its columns (`task`, `queued_at`,
`queue_failed_at`, `task_done`); `params` holds only what the document prints.
"""

import hashlib
import json
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_q.tasks import async_task

from .models import GeneratedDocument

logger = logging.getLogger(__name__)

__all__ = [
    "document_enqueue",
    "document_fill",
    "document_queue_due",
    "document_request",
    "document_stale_seconds",
    "documents_resume",
]


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
                "params": params,
                "task": task,
                "task_done": False,
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
    """Hand a document's task to the broker and note when.

    When the broker is unreachable (Redis down), the error is logged and the document stays
    pending with `queue_failed_at` set: the person who asked gets their page, which says the
    document waits, and `documents_resume` (every few minutes) or the next request hands it
    over once the broker is back. Returns whether the broker took it."""
    document.task = task or document.task
    # Noted before: a quick worker then reads it, and its own notes are not overwritten.
    _queue_note(document, queued_at=timezone.now(), queue_failed_at=None)
    try:
        async_task(document.task, document.pk, **pdf_queue())
    except Exception:
        logger.exception("document %s: the task queue is unreachable, it waits", document.pk)
        _queue_note(document, queued_at=None, queue_failed_at=timezone.now())
        return False
    return True


def _queue_note(document, **fields):
    for name, value in fields.items():
        setattr(document, name, value)
    GeneratedDocument.objects.filter(pk=document.pk).update(task=document.task, **fields)


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
    if not document.task:
        return False
    if document.status == GeneratedDocument.Status.FAILED:
        return False
    if document.status == GeneratedDocument.Status.READY and document.task_done:
        return False
    if document.queue_failed_at is not None:
        return True
    # Not handed over yet: being handed over right now (or the process died just before).
    since = document.queued_at or document.created_at
    return ((now or timezone.now()) - since).total_seconds() > document_stale_seconds()


def documents_resume():
    """Scheduled every few minutes: hand over again the unfinished documents whose task never
    reached the broker (Redis was down) or was lost (a worker killed with the Redis broker).
    Every document task is idempotent, so a second run of a slow one costs time, not data."""
    resumed = 0
    now = timezone.now()
    unfinished = GeneratedDocument.objects.exclude(status=GeneratedDocument.Status.FAILED).filter(
        task_done=False
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
    if not document.task_done:
        if after is not None:
            after(document)
        document.task_done = True
        GeneratedDocument.objects.filter(pk=document.pk).update(task_done=True)
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
