"""Individual help: a visit logged with its duration and theme, with or without a cohort."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.scoping import LEARNER_ACCESS_ROLES, OrganisationScopedQuerySet

from .cohorts import Cohort
from .learners import Learner


class HelpVisitQuerySet(OrganisationScopedQuerySet):
    """Visits logged by the organisations where the actor coordinates or trains."""

    scope_path = "organisation"
    scope_roles = LEARNER_ACCESS_ROLES


class HelpVisit(models.Model):
    """One individual-help visit (permanence connectée or home set-up), logged with its
    duration and theme, with or without a cohort. Themes follow the national activity report."""

    class Theme(models.TextChoices):
        DIAGNOSTIC = "diagnostic", _("Diagnostic numérique")
        DEVICE = "device", _("Prendre en main du matériel")
        MAINTENANCE = "maintenance", _("Maintenance de matériel")
        CONTENT = "content", _("Gérer ses contenus numériques")
        BROWSING = "browsing", _("Navigation sur internet")
        EMAIL = "email", _("E-mail")
        OFFICE = "office", _("Bureautique")
        SOCIAL = "social", _("Réseaux sociaux communication")
        HEALTH = "health", _("Santé")
        BANKING = "banking", _("Banque et achats en ligne")
        EMPLOYMENT = "employment", _("Insertion professionnelle")
        SECURITY = "security", _("Prévention en sécurité numérique")
        PARENTING = "parenting", _("Parentalité")
        SCHOOL = "school", _("Scolarité et numérique")
        ADMIN = "admin", _("Aide aux démarches administratives")

    class Place(models.TextChoices):
        VENUE = "venue", _("Lieu d'activité")
        HOME = "home", _("À domicile")
        REMOTE = "remote", _("À distance")

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("structure"),
        on_delete=models.PROTECT,
        related_name="help_visits",
    )
    learner = models.ForeignKey(
        Learner,
        verbose_name=_("apprenant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="help_visits",
    )
    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("groupe"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="help_visits",
    )
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aidant"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    date = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(_("durée (minutes)"))
    theme = models.CharField(_("thème"), max_length=20, choices=Theme.choices)
    place = models.CharField(_("lieu"), max_length=10, choices=Place.choices, default=Place.VENUE)
    notes = models.TextField(_("notes"), blank=True)

    objects = HelpVisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("aide individuelle")
        verbose_name_plural = _("aides individuelles")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date} — {self.get_theme_display()} ({self.duration_minutes} min)"
