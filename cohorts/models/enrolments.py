"""Enrolments of learners in cohorts, and the waiting list of a full cohort."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.scoping import LEARNER_ACCESS_ROLES, OrganisationScopedQuerySet

from .cohorts import Cohort
from .learners import Learner


class EnrolmentQuerySet(OrganisationScopedQuerySet):
    """Enrolments in the cohorts of the actor's organisations."""

    scope_path = "cohort__organisation"
    scope_roles = LEARNER_ACCESS_ROLES


class Enrolment(models.Model):
    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("Inscrit")
        ACTIVE = "active", _("En cours")
        COMPLETED = "completed", _("Parcours terminé")
        DROPPED = "dropped", _("Abandon")

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("groupe"), on_delete=models.CASCADE, related_name="enrolments"
    )
    learner = models.ForeignKey(
        Learner, verbose_name=_("apprenant"), on_delete=models.CASCADE, related_name="enrolments"
    )
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.ENROLLED
    )
    drop_reason = models.CharField(_("raison de l'abandon"), max_length=300, blank=True)
    reason = models.CharField(
        _("motif de l'inscription"),
        max_length=300,
        blank=True,
        help_text=_("Par exemple : identifiants Pronote jamais activés, pas d'ordinateur."),
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inscrit par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assessment = models.ForeignKey(
        "diagnostics.Assessment",
        verbose_name=_("diagnostic d'origine"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrolments",
    )
    enrolled_at = models.DateTimeField(_("inscrit le"), auto_now_add=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "learner"], name="cohorts_enrolment_once")
        ]

    def __str__(self):
        return f"{self.learner} — {self.cohort}"


class WaitingQuerySet(OrganisationScopedQuerySet):
    """Waiting lists of the cohorts of the actor's organisations."""

    scope_path = "cohort__organisation"
    scope_roles = LEARNER_ACCESS_ROLES


class WaitingListEntry(models.Model):
    """A person waiting for a place in a full cohort, in the order they came."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("groupe"), on_delete=models.CASCADE, related_name="waiting_list"
    )
    learner = models.ForeignKey(
        Learner, verbose_name=_("apprenant"), on_delete=models.CASCADE, related_name="waiting"
    )
    reason = models.CharField(_("motif de l'inscription"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ajouté par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_at = models.DateTimeField(_("ajouté le"), auto_now_add=True)

    objects = WaitingQuerySet.as_manager()

    class Meta:
        verbose_name = _("place en liste d'attente")
        verbose_name_plural = _("liste d'attente")
        ordering = ["cohort", "added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "learner"], name="cohorts_waiting_once")
        ]

    def __str__(self):
        return f"{self.learner} — {self.cohort}"
