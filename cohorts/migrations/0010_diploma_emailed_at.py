"""Diplomas e-mailed once to the learners (Diploma.emailed_at), and the django-q2 schedule
that hands pending documents (diploma batches, handouts…) to the task queue again when their
task never reached it (Redis down) or was lost (a worker killed under the Redis broker):
cms.pdf.documents_resume, every 10 minutes. The schedule is created once (get_or_create on
its name); it sits in this migration because cms has no migrations of its own for it."""

import datetime

from django.db import migrations, models

SCHEDULE_NAME = "Reprise des documents en attente"
TASK = "cms.pdf.documents_resume"


def schedule_create(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
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


def schedule_delete(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=SCHEDULE_NAME, func=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0009_satisfaction_answer"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [
        migrations.AddField(
            model_name="diploma",
            name="emailed_at",
            field=models.DateTimeField(
                blank=True,
                help_text="Envoyé une fois à l'adresse de la personne, quand elle en a une.",
                null=True,
                verbose_name="envoyé par e-mail le",
            ),
        ),
        migrations.RunPython(schedule_create, schedule_delete),
    ]
