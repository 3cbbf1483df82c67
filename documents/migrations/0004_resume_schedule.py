"""The django-q2 schedule that hands pending documents (diploma batches, handouts…) to the
task queue again when their task never reached it (Redis down) or was lost (a worker killed
under the Redis broker): documents.store.documents_resume, every 10 minutes.

It belongs to documents, which owns the task. A database made before this migration has it
already, created by cohorts/migrations/0010 under the task's old path (cms.pdf): the row is
kept (its next run, its history) and pointed at the new path, and so is a run of it waiting
in the ORM broker's queue. With Redis, a run queued under the old path fails once (the
function is gone); the next run, 10 minutes later, does the same work: no alias is kept.
"""

import datetime

from django.db import migrations
from django_q.signing import BadSignature, SignedPackage

SCHEDULE_NAME = "Reprise des documents en attente"
TASK = "documents.store.documents_resume"
OLD_TASK = "cms.pdf.documents_resume"


def schedule_create(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.filter(name=SCHEDULE_NAME, func=OLD_TASK).update(func=TASK)
    Schedule.objects.get_or_create(
        name=SCHEDULE_NAME,
        defaults={
            "func": TASK,
            "schedule_type": "I",  # every `minutes`
            "minutes": 10,
            "repeats": -1,
            "next_run": datetime.datetime.now(tz=datetime.UTC),
        },
    )


def queued_runs_repoint(apps, schema_editor):
    for queued in apps.get_model("django_q", "OrmQ").objects.all():
        try:
            task = SignedPackage.loads(queued.payload)
        except BadSignature:  # signed with another SECRET_KEY: not ours to read
            continue
        if isinstance(task, dict) and task.get("func") == OLD_TASK:
            queued.payload = SignedPackage.dumps({**task, "func": TASK})
            queued.save(update_fields=["payload"])


def schedule_back(apps, schema_editor):
    # Back to the path the code before this migration runs (cms.pdf, whose cohorts 0010
    # created the row).
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.filter(name=SCHEDULE_NAME, func=TASK).update(func=OLD_TASK)


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0003_queue_state_from_params"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [
        migrations.RunPython(schedule_create, schedule_back),
        migrations.RunPython(queued_runs_repoint, migrations.RunPython.noop),
    ]
