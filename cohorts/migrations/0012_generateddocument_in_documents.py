"""The cohorts' generated documents (handouts of a meeting, the ceremony's diplomas) point at
documents.GeneratedDocument, which left cms (documents/migrations/0001). The table is the
same, so only Django's state changes: no constraint is dropped, no table rebuilt."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cohorts", "0011_audit_entry"),
        ("documents", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="cohort",
                    name="diploma_batch",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="documents.generateddocument",
                        verbose_name="diplômes et attestations à imprimer",
                    ),
                ),
                migrations.AlterField(
                    model_name="meeting",
                    name="handouts",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="documents.generateddocument",
                        verbose_name="fiches des présents",
                    ),
                ),
            ],
        ),
    ]
