"""Exercises done by learners: the trainer's launches at a meeting, the attempts, and the
xAPI statements each attempt received (kept one by one so that none is counted twice)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.scoping import LEARNER_ACCESS_ROLES, OrganisationScopedQuerySet
from courses.models import H5PActivity

from .learners import Learner
from .meetings import Meeting


class ExerciseLaunchQuerySet(OrganisationScopedQuerySet):
    """Exercises launched at the meetings of the cohorts of the actor's organisations."""

    scope_path = "meeting__cohort__organisation"
    scope_roles = LEARNER_ACCESS_ROLES

    def open(self):
        return self.filter(closed_at__isnull=True)


class ExerciseLaunch(models.Model):
    """An exercise started by the trainer for the whole group during a meeting."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("séance"), on_delete=models.CASCADE, related_name="launches"
    )
    activity = models.ForeignKey(
        H5PActivity, verbose_name=_("exercice"), on_delete=models.PROTECT, related_name="launches"
    )
    launched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lancé par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("lancé le"), auto_now_add=True)
    closed_at = models.DateTimeField(_("arrêté le"), null=True, blank=True)

    objects = ExerciseLaunchQuerySet.as_manager()

    class Meta:
        verbose_name = _("exercice lancé en séance")
        verbose_name_plural = _("exercices lancés en séance")
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "activity"],
                condition=models.Q(closed_at__isnull=True),
                name="one_running_launch_per_exercise_and_meeting",
            )
        ]

    def __str__(self):
        return f"{self.activity} — {self.meeting}"

    @property
    def is_open(self):
        return self.closed_at is None


class AttemptQuerySet(OrganisationScopedQuerySet):
    """Attempts of the learners of the organisations where the actor coordinates or trains."""

    scope_path = "learner__organisation"
    scope_roles = LEARNER_ACCESS_ROLES

    def finished(self):
        return self.filter(finished_at__isnull=False)


class Attempt(models.Model):
    """One go at an exercise by a learner: opened once (its token), finished at most once.

    The score is computed in the learner's browser by the H5P content: it is shown to the
    trainer as an indication and never unlocks a diploma by itself.
    """

    learner = models.ForeignKey(
        Learner, verbose_name=_("apprenant"), on_delete=models.CASCADE, related_name="attempts"
    )
    activity = models.ForeignKey(
        H5PActivity, verbose_name=_("exercice"), on_delete=models.PROTECT, related_name="attempts"
    )
    launch = models.ForeignKey(
        ExerciseLaunch,
        verbose_name=_("lancement en séance"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attempts",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("séance"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attempts",
    )
    token = models.CharField(_("jeton"), max_length=64, unique=True, editable=False)
    started_at = models.DateTimeField(_("commencé le"))
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    score = models.FloatField(_("score"), null=True, blank=True)
    max_score = models.FloatField(_("score maximum"), null=True, blank=True)
    success = models.BooleanField(_("réussi"), null=True, blank=True)
    duration_seconds = models.PositiveIntegerField(_("durée (secondes)"), null=True, blank=True)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        verbose_name = _("essai d'exercice")
        verbose_name_plural = _("essais d'exercices")
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["learner", "activity"]),
            models.Index(fields=["activity", "finished_at"]),
        ]

    def __str__(self):
        return f"{self.learner} — {self.activity}"

    @property
    def percent(self):
        if self.score is None or not self.max_score:
            return None
        return round(100 * self.score / self.max_score)


class AttemptStatement(models.Model):
    """One xAPI statement received for an attempt. Its id is unique, and a question is
    answered once per attempt: a replayed statement is refused either way."""

    attempt = models.ForeignKey(
        Attempt, verbose_name=_("essai"), on_delete=models.CASCADE, related_name="statements"
    )
    statement_id = models.UUIDField(_("identifiant de la déclaration"), unique=True)
    verb = models.CharField(_("verbe"), max_length=20)
    question_key = models.CharField(_("question"), max_length=200, blank=True)
    question_label = models.CharField(_("intitulé"), max_length=300, blank=True)
    response = models.CharField(_("réponse"), max_length=300, blank=True)
    success = models.BooleanField(_("réussi"), null=True, blank=True)
    score = models.FloatField(_("score"), null=True, blank=True)
    max_score = models.FloatField(_("score maximum"), null=True, blank=True)
    received_at = models.DateTimeField(_("reçue le"), auto_now_add=True)

    class Meta:
        verbose_name = _("déclaration xAPI")
        verbose_name_plural = _("déclarations xAPI")
        ordering = ["received_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question_key"],
                condition=~models.Q(question_key=""),
                name="attempt_question_answered_once",
            )
        ]

    def __str__(self):
        return f"{self.verb} {self.question_key or self.attempt_id}"
