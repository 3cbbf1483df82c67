from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared infrastructure that imports no Tremplin app: spreadsheets, admin scoping,
    signatures and small helpers. An app so that its templates are found."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = _("Socle commun")
