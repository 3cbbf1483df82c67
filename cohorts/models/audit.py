"""Who viewed, exported, changed or erased a learner's file, and when.

An entry holds ids only (the learner's id is a plain number, not a foreign key): it must
outlive the learner's erasure and say nothing about the person once their names are gone.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.scoping import STAFF_MANAGER_ROLES, OrganisationScopedQuerySet


class AuditEntryQuerySet(OrganisationScopedQuerySet):
    """Entries of the organisations the actor coordinates."""

    scope_path = "organisation"
    scope_roles = STAFF_MANAGER_ROLES


class AuditEntry(models.Model):
    """One access to a learner's file."""

    class Action(models.TextChoices):
        VIEWED = "viewed", _("Consulté")
        EXPORTED = "exported", _("Exporté")
        CHANGED = "changed", _("Modifié")
        ERASED = "erased", _("Effacé")

    at = models.DateTimeField(_("le"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Vide : une tâche automatique (par exemple l'anonymisation après 2 ans)."),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    learner_id = models.PositiveBigIntegerField(_("numéro de l'apprenant"))
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("structure"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    detail = models.CharField(
        _("détail"),
        max_length=50,
        blank=True,
        help_text=_("Où ou comment : « admin », « json », « pdf »… Jamais de nom."),
    )

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("accès à un dossier")
        verbose_name_plural = _("journal des accès aux dossiers")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["organisation", "learner_id", "-at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.learner_id}"
