"""Printed documents' own models: the structure's identity and the generated documents.

At the bottom floor so that every app may print; the tables keep their first names
(`cms_…`), from when the shell held them.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="home")
class BrandingSettings(BaseSiteSetting):
    """The structure's name and logo, printed on handouts, sheets and diplomas."""

    organisation_name = models.CharField(
        _("nom de la structure"), max_length=200, default="Tremplin"
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact = models.CharField(
        _("contact imprimé sur les documents"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple : téléphone et adresse de la structure."),
    )

    colour = models.CharField(
        _("couleur principale"),
        max_length=7,
        default="#0b5c8c",
        validators=[
            RegexValidator(
                r"^#[0-9a-fA-F]{6}$", _("Une couleur au format #RRVVBB, par exemple #0b5c8c.")
            )
        ],
        help_text=_("Titres et cadres des documents imprimés. Choisissez une couleur foncée."),
    )
    signatory_name = models.CharField(
        _("nom du signataire des diplômes"), max_length=200, blank=True
    )
    signatory_title = models.CharField(
        _("fonction du signataire"),
        max_length=200,
        blank=True,
        help_text=_("Par exemple : présidente de l'association."),
    )
    signature_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature du signataire"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Une image de la signature, sur fond blanc ou transparent."),
    )

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("logo"),
        FieldPanel("colour"),
        FieldPanel("contact"),
        FieldPanel("signatory_name"),
        FieldPanel("signatory_title"),
        FieldPanel("signature_image"),
    ]

    class Meta:
        db_table = "cms_brandingsettings"
        verbose_name = _("identité de la structure")


class GeneratedDocument(models.Model):
    """A PDF made once and kept: a batch printed twice is generated once (documents.store).

    `params` holds what the document prints (ids, names, addresses); `task`, `queued_at`,
    `queue_failed_at` and `task_done` hold its place in the task queue."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En cours")
        READY = "ready", _("Prêt")
        FAILED = "failed", _("Échec")

    key = models.CharField(_("clé"), max_length=200, unique=True)
    kind = models.CharField(_("type de document"), max_length=50)
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(_("fichier"), upload_to="documents/%Y/%m/", blank=True)
    params = models.JSONField(_("paramètres"), default=dict, blank=True)
    error = models.TextField(_("erreur"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("demandé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    task = models.CharField(
        _("tâche"),
        max_length=200,
        blank=True,
        help_text=_("Chemin de la fonction django-q2 qui fait le document."),
    )
    queued_at = models.DateTimeField(_("confié à la file le"), null=True, blank=True)
    queue_failed_at = models.DateTimeField(
        _("file injoignable le"),
        null=True,
        blank=True,
        help_text=_("La file des tâches n'a pas pu prendre le document : il attend."),
    )
    # True when nothing is left to do: a document made without a task, or whose task (the
    # file, then its work after the file) has finished once.
    task_done = models.BooleanField(_("tâche terminée"), default=True)

    class Meta:
        db_table = "cms_generateddocument"
        verbose_name = _("document généré")
        verbose_name_plural = _("documents générés")

    def __str__(self):
        return f"{self.kind} {self.key} ({self.get_status_display()})"

    @property
    def waits_for_queue(self):
        """Pending, and its task could not be handed to the task queue (Redis down): it
        will be once the queue is back (documents.store.documents_resume)."""
        return self.status == self.Status.PENDING and self.queue_failed_at is not None
