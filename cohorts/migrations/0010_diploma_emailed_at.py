"""Diplomas e-mailed once to the learners (Diploma.emailed_at).

This migration also created, at first, the django-q2 schedule "Reprise des documents en
attente" (then cms.pdf.documents_resume). The app that owns the task creates it now:
documents/migrations/0004, which keeps the row of a database made before and points it at
documents.store.documents_resume."""

from django.db import migrations, models


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
    ]
