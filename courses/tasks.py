"""django-q2 tasks of courses. Each is safe to run twice."""

import logging

from django.core.files.base import ContentFile
from django.utils import timezone

from cms.pdf import GeneratedDocument

from .models import SessionPlanPage
from .printables import HandoutPrintable

logger = logging.getLogger(__name__)


def handout_batch_render(document_id):
    """Render a handout batch into its GeneratedDocument; a ready document is left alone."""
    document = GeneratedDocument.objects.filter(pk=document_id).first()
    if document is None or document.status == GeneratedDocument.Status.READY:
        logger.info("handout batch %s: nothing to do", document_id)
        return
    params = document.params
    try:
        session = SessionPlanPage.objects.live().get(pk=params["session_id"])
        printable = HandoutPrintable(
            session=session,
            online_url=params["online_url"],
            learner_names=params["learner_names"],
        )
        pdf = printable.render()
    except Exception as error:
        logger.exception("handout batch %s failed", document_id)
        document.status = GeneratedDocument.Status.FAILED
        document.error = str(error)[:2000]
        document.finished_at = timezone.now()
        document.save(update_fields=["status", "error", "finished_at"])
        raise
    document.file.save(printable.filename(), ContentFile(pdf), save=False)
    document.status = GeneratedDocument.Status.READY
    document.finished_at = timezone.now()
    document.save(update_fields=["file", "status", "finished_at"])
    logger.info("handout batch %s ready: %s bytes", document_id, len(pdf))
