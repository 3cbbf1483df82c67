"""Attendance: one mark per learner and meeting, and the minutes it counts for."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.scoping import LEARNER_ACCESS_ROLES, OrganisationScopedQuerySet

from .learners import Learner
from .meetings import Meeting


class AttendanceQuerySet(OrganisationScopedQuerySet):
    """Marks at the meetings of the cohorts of the actor's organisations."""

    scope_path = "meeting__cohort__organisation"
    scope_roles = LEARNER_ACCESS_ROLES


class Attendance(models.Model):
    """One mark per learner and meeting: a repeated tap updates it, never duplicates it."""

    class Mark(models.TextChoices):
        PRESENT = "present", _("Présent")
        LATE = "late", _("En retard")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excusé")

    # The marks that count as attended (minutes, completion, the funder reports).
    ATTENDED_MARKS = (Mark.PRESENT, Mark.LATE)

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("séance"), on_delete=models.CASCADE, related_name="attendances"
    )
    learner = models.ForeignKey(
        Learner, verbose_name=_("apprenant"), on_delete=models.CASCADE, related_name="attendances"
    )
    mark = models.CharField(_("présence"), max_length=10, choices=Mark.choices)
    late_minutes = models.PositiveSmallIntegerField(_("minutes de retard"), default=0)
    minutes = models.PositiveSmallIntegerField(
        _("minutes suivies"),
        null=True,
        blank=True,
        help_text=_("Noté en fin de séance ; sinon, la durée moins le retard."),
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("noté par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("noté le"), auto_now=True)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "learner"], name="cohorts_attendance_once")
        ]

    def __str__(self):
        return f"{self.learner} — {self.meeting} — {self.get_mark_display()}"

    def attended_minutes(self):
        """The minutes noted when the meeting was closed, else the meeting's duration less
        the lateness, never below 0; 0 for an absence. `cohorts.selectors.attended_minutes()`
        is the same rule in SQL (a test pins them)."""
        if self.mark not in self.ATTENDED_MARKS:
            return 0
        if self.minutes is not None:
            return self.minutes
        if self.mark == self.Mark.LATE:
            return max(self.meeting.duration_minutes - self.late_minutes, 0)
        return self.meeting.duration_minutes
