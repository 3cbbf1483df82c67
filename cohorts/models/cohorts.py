"""Cohorts: a group following a track at a venue, on a rhythm from a start date."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from accounts.scoping import LEARNER_ACCESS_ROLES, OrganisationScopedQuerySet
from courses.models import TrackPage

from .programmes import Programme


class CohortQuerySet(OrganisationScopedQuerySet):
    """Cohorts of the organisations where the actor coordinates or trains."""

    scope_path = "organisation"
    scope_roles = LEARNER_ACCESS_ROLES


class Cohort(models.Model):
    """A group following a track at a venue, on a rhythm from a start date."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("structure"),
        on_delete=models.PROTECT,
        related_name="cohorts",
    )
    track = models.ForeignKey(
        TrackPage, verbose_name=_("parcours"), on_delete=models.PROTECT, related_name="cohorts"
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("dispositif"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cohorts",
    )
    name = models.CharField(_("nom"), max_length=200)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("formateurs"), blank=True, related_name="cohorts"
    )
    venue = models.CharField(_("lieu"), max_length=200)
    capacity = models.PositiveSmallIntegerField(_("places"), default=10)
    starts_on = models.DateField(_("première séance"))
    weekday = models.PositiveSmallIntegerField(
        _("jour de la semaine"),
        choices=[
            (0, _("lundi")),
            (1, _("mardi")),
            (2, _("mercredi")),
            (3, _("jeudi")),
            (4, _("vendredi")),
            (5, _("samedi")),
            (6, _("dimanche")),
        ],
    )
    start_time = models.TimeField(_("heure de début"))
    every_weeks = models.PositiveSmallIntegerField(_("toutes les … semaines"), default=1)
    school = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("collège"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="school_cohorts",
        limit_choices_to={"kind": Organisation.Kind.SCHOOL},
        help_text=_("Le collège où le groupe se réunit : son CPE y inscrit les familles."),
    )
    diploma_batch = models.ForeignKey(
        "documents.GeneratedDocument",
        verbose_name=_("diplômes et attestations à imprimer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = _("groupe")
        verbose_name_plural = _("groupes")

    def __str__(self):
        return self.name
