"""BrandingSettings and GeneratedDocument now belong to the documents app
(documents/migrations/0001): cms forgets them, their tables stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_branding_signatory"),
        ("cohorts", "0012_generateddocument_in_documents"),
        ("documents", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="BrandingSettings"),
                migrations.DeleteModel(name="GeneratedDocument"),
            ],
        ),
    ]
