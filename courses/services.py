"""Writes of courses: asking for a batch of handouts for a meeting's learners."""

import hashlib
import json

from django.db import transaction
from django_q.tasks import async_task

from cms.pdf import GeneratedDocument

HANDOUT_BATCH_KIND = "handout_batch"


def handout_batch_request(*, session, learner_names, online_url, requested_by=None):
    """Ask for one PDF holding a handout per learner; made once by a django-q2 worker.

    The same session and the same learners give the same document: asking twice costs
    nothing, and a failed batch is tried again.
    """
    names = [name.strip() for name in learner_names if name and name.strip()]
    fingerprint = hashlib.sha256(
        json.dumps([session.pk, session.latest_revision_id, names, online_url]).encode()
    ).hexdigest()[:32]
    with transaction.atomic():
        document, created = GeneratedDocument.objects.select_for_update().get_or_create(
            key=f"{HANDOUT_BATCH_KIND}:{fingerprint}",
            defaults={
                "kind": HANDOUT_BATCH_KIND,
                "params": {
                    "session_id": session.pk,
                    "learner_names": names,
                    "online_url": online_url,
                },
                "requested_by": requested_by,
            },
        )
        retry = document.status == GeneratedDocument.Status.FAILED
        if retry:
            document.status = GeneratedDocument.Status.PENDING
            document.error = ""
            document.save(update_fields=["status", "error"])
        if created or retry:
            transaction.on_commit(
                lambda: async_task("courses.tasks.handout_batch_render", document.pk)
            )
    return document
