"""The queue state that cms.pdf kept in `params` ("task", "queued_at", "task_done") moves to
the columns of 0002; `params` keeps only what the document prints.

In params, "queued_at" was missing (not handed over yet), None (the task queue refused it:
the document waits for it) or the time it was handed over; "task_done" missing meant done.
"""

import datetime

from django.db import migrations
from django.utils import timezone

STATE_KEYS = ("task", "queued_at", "task_done")


def params_to_columns(apps, schema_editor):
    GeneratedDocument = apps.get_model("documents", "GeneratedDocument")
    now = timezone.now()
    for document in GeneratedDocument.objects.all().iterator():
        params = dict(document.params or {})
        if not any(key in params for key in STATE_KEYS):
            continue
        document.task = params.pop("task", "") or ""
        document.task_done = bool(params.pop("task_done", True))
        queued_at = params.pop("queued_at", "")
        if queued_at is None:
            document.queued_at, document.queue_failed_at = None, now
        elif queued_at:
            document.queued_at = datetime.datetime.fromisoformat(queued_at)
        document.params = params
        document.save(
            update_fields=["params", "task", "task_done", "queued_at", "queue_failed_at"]
        )


def columns_to_params(apps, schema_editor):
    GeneratedDocument = apps.get_model("documents", "GeneratedDocument")
    for document in GeneratedDocument.objects.exclude(task="").iterator():
        params = {**(document.params or {}), "task": document.task}
        params["task_done"] = document.task_done
        if document.queue_failed_at is not None:
            params["queued_at"] = None
        elif document.queued_at is not None:
            params["queued_at"] = document.queued_at.isoformat()
        document.params = params
        document.save(update_fields=["params"])


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_queue_state")]

    operations = [migrations.RunPython(params_to_columns, columns_to_params)]
