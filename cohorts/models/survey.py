"""The end-of-track satisfaction survey: three questions answered with smileys, in the
learner's space or on the trainer's device at the last meeting."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.scoping import LEARNER_ACCESS_ROLES, OrganisationScopedQuerySet

from .enrolments import Enrolment


class SatisfactionAnswerQuerySet(OrganisationScopedQuerySet):
    """Opinions given in the cohorts of the actor's organisations."""

    scope_path = "enrolment__cohort__organisation"
    scope_roles = LEARNER_ACCESS_ROLES


class SatisfactionAnswer(models.Model):
    """A learner's opinion of the track they followed. One per enrolment: answering again
    replaces the answers, so a learner who changes their mind is counted once."""

    class Smiley(models.IntegerChoices):
        # Each question is asked so that "no / a little / yes" answers it (FALC).
        NO = 1, _("Non")
        A_LITTLE = 2, _("Un peu")
        YES = 3, _("Oui")

    class Source(models.TextChoices):
        SPACE = "space", _("Espace apprenant")
        MEETING = "meeting", _("Dernière séance")

    # (field, question): the order in which they are asked.
    QUESTIONS = (
        ("liked", _("Avez-vous aimé la formation ?")),
        ("more_at_ease", _("Êtes-vous plus à l'aise avec le téléphone et l'ordinateur ?")),
        (
            "would_recommend",
            _("Avez-vous envie de conseiller cette formation à votre famille ou à vos amis ?"),
        ),
    )

    enrolment = models.OneToOneField(
        Enrolment,
        verbose_name=_("inscription"),
        on_delete=models.CASCADE,
        related_name="satisfaction",
    )
    liked = models.PositiveSmallIntegerField(_("a aimé la formation"), choices=Smiley.choices)
    more_at_ease = models.PositiveSmallIntegerField(
        _("plus à l'aise avec le numérique"), choices=Smiley.choices
    )
    would_recommend = models.PositiveSmallIntegerField(
        _("conseillerait la formation"), choices=Smiley.choices
    )
    answered_at = models.DateTimeField(_("répondu le"))
    source = models.CharField(_("recueilli"), max_length=10, choices=Source.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recueilli par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = SatisfactionAnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("avis de fin de parcours")
        verbose_name_plural = _("avis de fin de parcours")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    liked__range=(1, 3), more_at_ease__range=(1, 3), would_recommend__range=(1, 3)
                ),
                name="cohorts_satisfaction_one_to_three",
            )
        ]

    def __str__(self):
        return f"{self.enrolment} — {self.liked}/{self.more_at_ease}/{self.would_recommend}"
