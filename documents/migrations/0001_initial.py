"""GeneratedDocument and BrandingSettings move from cms to documents, tables kept.

The tables stay where they are (`cms_generateddocument`, `cms_brandingsettings`): only
Django's state moves, so no row is copied or lost. Their content types are re-pointed first,
so that the permissions granted on them (the coordinators' "change identity") and the
admin's log entries follow the models. cms/migrations/0005 then forgets them.
"""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ("brandingsettings", "generateddocument")


def _content_types_move(apps, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        # Already there (a migrate that made it before this one): the old row is left to
        # remove_stale_contenttypes; accounts.roles grants the coordinators' permission again
        # after every migrate.
        if ContentType.objects.filter(app_label=target, model=model).exists():
            continue
        ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def content_types_forward(apps, schema_editor):
    _content_types_move(apps, "cms", "documents")


def content_types_backward(apps, schema_editor):
    _content_types_move(apps, "documents", "cms")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("cms", "0004_branding_signatory"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(content_types_forward, content_types_backward),
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="BrandingSettings",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("organisation_name", models.CharField(default="Tremplin", max_length=200, verbose_name="nom de la structure")),
                        ("contact", models.CharField(blank=True, help_text="Par exemple : téléphone et adresse de la structure.", max_length=200, verbose_name="contact imprimé sur les documents")),
                        ("colour", models.CharField(default="#0b5c8c", help_text="Titres et cadres des documents imprimés. Choisissez une couleur foncée.", max_length=7, validators=[django.core.validators.RegexValidator("^#[0-9a-fA-F]{6}$", "Une couleur au format #RRVVBB, par exemple #0b5c8c.")], verbose_name="couleur principale")),
                        ("signatory_name", models.CharField(blank=True, max_length=200, verbose_name="nom du signataire des diplômes")),
                        ("signatory_title", models.CharField(blank=True, help_text="Par exemple : présidente de l'association.", max_length=200, verbose_name="fonction du signataire")),
                        ("logo", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="wagtailimages.image", verbose_name="logo")),
                        ("signature_image", models.ForeignKey(blank=True, help_text="Une image de la signature, sur fond blanc ou transparent.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="wagtailimages.image", verbose_name="signature du signataire")),
                        ("site", models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to="wagtailcore.site")),
                    ],
                    options={
                        "verbose_name": "identité de la structure",
                        "db_table": "cms_brandingsettings",
                    },
                ),
                migrations.CreateModel(
                    name="GeneratedDocument",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("key", models.CharField(max_length=200, unique=True, verbose_name="clé")),
                        ("kind", models.CharField(max_length=50, verbose_name="type de document")),
                        ("status", models.CharField(choices=[("pending", "En cours"), ("ready", "Prêt"), ("failed", "Échec")], default="pending", max_length=10, verbose_name="état")),
                        ("file", models.FileField(blank=True, upload_to="documents/%Y/%m/", verbose_name="fichier")),
                        ("params", models.JSONField(blank=True, default=dict, verbose_name="paramètres")),
                        ("error", models.TextField(blank=True, verbose_name="erreur")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="demandé le")),
                        ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="terminé le")),
                        ("requested_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="demandé par")),
                    ],
                    options={
                        "verbose_name": "document généré",
                        "verbose_name_plural": "documents générés",
                        "db_table": "cms_generateddocument",
                    },
                ),
            ],
        ),
    ]
