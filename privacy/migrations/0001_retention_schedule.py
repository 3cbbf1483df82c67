"""The daily django-q2 schedule of the retention job (privacy.tasks.retention_anonymise),
created once (get_or_create on its name), so that running the migration again or on a
database that already has it is harmless. 03:00 in Paris: a quiet hour."""

import datetime
import zoneinfo

from django.db import migrations

SCHEDULE_NAME = "Anonymisation des dossiers sans contact"
TASK = "privacy.tasks.retention_anonymise"


def schedule_create(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    now = datetime.datetime.now(tz=paris)
    next_run = now.replace(hour=3, minute=0, second=0, microsecond=0)
    if next_run <= now:
        next_run += datetime.timedelta(days=1)
    Schedule.objects.get_or_create(
        name=SCHEDULE_NAME,
        defaults={
            "func": TASK,
            "schedule_type": "D",  # daily, at the time of the first run: 03:00 in Paris
            "repeats": -1,
            "next_run": next_run,
        },
    )


def schedule_delete(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=SCHEDULE_NAME, func=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(schedule_create, schedule_delete)]
