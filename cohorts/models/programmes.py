"""Programmes (dispositifs): who funds a structure's work, for which period and targets."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from accounts.scoping import LEARNER_ACCESS_ROLES, OrganisationScopedQuerySet


class ProgrammeQuerySet(OrganisationScopedQuerySet):
    """Programmes run by the organisations where the actor coordinates or trains."""

    scope_path = "organisation"
    scope_roles = LEARNER_ACCESS_ROLES


class Programme(models.Model):
    """A dispositif: who funds it, for which period, with which targets."""

    funder = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("financeur"),
        on_delete=models.PROTECT,
        related_name="funded_programmes",
        limit_choices_to={"kind": Organisation.Kind.FUNDER},
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("structure"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    name = models.CharField(_("nom"), max_length=200)
    starts_on = models.DateField(_("début"))
    ends_on = models.DateField(_("fin"))
    target_places = models.PositiveIntegerField(_("places prévues"), default=0)
    target_hours = models.PositiveIntegerField(_("heures prévues"), default=0)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("dispositif")
        verbose_name_plural = _("dispositifs")

    def __str__(self):
        return self.name
