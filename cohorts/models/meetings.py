"""Meetings: the sessions of a cohort, and the reminders sent before them."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.scoping import LEARNER_ACCESS_ROLES, OrganisationScopedQuerySet
from courses.models import SessionPlanPage

from .cohorts import Cohort
from .learners import Learner


class MeetingQuerySet(OrganisationScopedQuerySet):
    """Meetings of the cohorts of the actor's organisations."""

    scope_path = "cohort__organisation"
    scope_roles = LEARNER_ACCESS_ROLES


class Meeting(models.Model):
    """One session of a cohort, generated from the rhythm, then editable one by one."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Prévue")
        HELD = "held", _("Tenue")
        CANCELLED = "cancelled", _("Annulée")

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("groupe"), on_delete=models.CASCADE, related_name="meetings"
    )
    session_plan = models.ForeignKey(
        SessionPlanPage,
        verbose_name=_("séance du parcours"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
    )
    number = models.PositiveSmallIntegerField(_("numéro"))
    starts_at = models.DateTimeField(_("début"))
    duration_minutes = models.PositiveSmallIntegerField(_("durée (minutes)"))
    room = models.CharField(_("salle"), max_length=120, blank=True)
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    notes = models.TextField(_("notes du formateur"), blank=True)
    closed_at = models.DateTimeField(_("terminée le"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("terminée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    paper_sheet = models.FileField(
        _("feuille papier signée"),
        upload_to="emargements/%Y/%m/",
        blank=True,
        help_text=_("Photo ou scan de la feuille d'émargement signée sur papier."),
    )
    paper_sheet_added_at = models.DateTimeField(
        _("feuille papier ajoutée le"), null=True, blank=True
    )
    paper_sheet_added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("feuille papier ajoutée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handouts = models.ForeignKey(
        "documents.GeneratedDocument",
        verbose_name=_("fiches des présents"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("séance du groupe")
        verbose_name_plural = _("séances du groupe")
        ordering = ["cohort", "number"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "number"], name="cohorts_meeting_number")
        ]

    def __str__(self):
        return f"{self.cohort} — {self.number}"

    @property
    def ends_at(self):
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)


class Reminder(models.Model):
    """The reminder of a meeting sent to a learner, once (the day before, by SMS or shown in
    the learner's space)."""

    class Channel(models.TextChoices):
        SMS = "sms", _("SMS")
        SPACE = "space", _("Espace apprenant")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("séance"), on_delete=models.CASCADE, related_name="reminders"
    )
    learner = models.ForeignKey(
        Learner, verbose_name=_("apprenant"), on_delete=models.CASCADE, related_name="reminders"
    )
    channel = models.CharField(_("canal"), max_length=10, choices=Channel.choices)
    sent_at = models.DateTimeField(_("envoyé le"), auto_now_add=True)
    detail = models.CharField(_("détail"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("rappel de séance")
        verbose_name_plural = _("rappels de séance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "learner"], name="cohorts_reminder_once")
        ]

    def __str__(self):
        return f"{self.learner} — {self.meeting} ({self.channel})"
