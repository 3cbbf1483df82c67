from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared infrastructure that imports no Tremplin app: spreadsheets, admin scoping,
    signatures and small helpers. An app so that its templates are found; it has no models,
    so no name of its own is shown anywhere."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
