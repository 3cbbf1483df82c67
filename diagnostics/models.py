"""Diagnostics: questionnaires (versioned), assessments, and orientation rules."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField

from accounts.scoping import LEARNER_ACCESS_ROLES, OrganisationScopedQuerySet
from courses.models import TrackPage

from .blocks import QuestionBlock


class Level(models.TextChoices):
    BEGINNER = "beginner", _("Débutant")
    INTERMEDIATE = "intermediate", _("Intermédiaire")
    ADVANCED = "advanced", _("Avancé")


LEVEL_ORDER = {Level.BEGINNER: 0, Level.INTERMEDIATE: 1, Level.ADVANCED: 2}

THRESHOLDS_ORDER = _(
    "Les seuils vont en montant : le seuil « intermédiaire » doit être plus petit que le seuil "
    "« avancé », et les deux entre 1 et 100."
)
DUPLICATE_KEY = _(
    "L'identifiant « %(key)s » sert à plusieurs questions : chaque question a le sien."
)
MISSING_COMPETENCE = _("La question « %(key)s » compte des points : choisissez sa compétence.")
MISSING_NEED = _("La question « %(key)s » est un besoin : choisissez lequel.")
DUPLICATE_ANSWER = _("La question « %(key)s » a deux réponses avec le code « %(value)s ».")


class Questionnaire(models.Model):
    """A diagnostic: its questions and the thresholds that give a level. Each saved change
    becomes a new QuestionnaireVersion; assessments keep the version they were taken with."""

    slug = models.SlugField(_("identifiant"), unique=True)
    title = models.CharField(_("titre"), max_length=200)
    audience = models.CharField(
        _("public"), max_length=20, choices=TrackPage.Audience.choices, default="general"
    )
    intro = models.TextField(_("introduction"), help_text=_("En français facile."))
    intermediate_from = models.PositiveSmallIntegerField(
        _("niveau intermédiaire à partir de (% des points)"), default=35
    )
    advanced_from = models.PositiveSmallIntegerField(
        _("niveau avancé à partir de (% des points)"), default=70
    )
    questions = StreamField([("question", QuestionBlock())], verbose_name=_("questions"))
    current_version = models.ForeignKey(
        "QuestionnaireVersion",
        verbose_name=_("version en cours"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("audience"),
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("intermediate_from"), FieldPanel("advanced_from")]),
        FieldPanel("questions"),
    ]

    class Meta:
        verbose_name = _("questionnaire de diagnostic")
        verbose_name_plural = _("questionnaires de diagnostic")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if not 1 <= self.intermediate_from < self.advanced_from <= 100:
            raise ValidationError({"advanced_from": THRESHOLDS_ORDER})
        seen = set()
        for block in self.questions:
            question = block.value
            key = question["key"]
            if key in seen:
                raise ValidationError({"questions": DUPLICATE_KEY % {"key": key}})
            seen.add(key)
            if question["kind"] == "need" and not question["need"]:
                raise ValidationError({"questions": MISSING_NEED % {"key": key}})
            if question["kind"] != "need" and not question["competence"]:
                raise ValidationError({"questions": MISSING_COMPETENCE % {"key": key}})
            values = [answer["value"] for answer in question["answers"]]
            for value in values:
                if values.count(value) > 1:
                    raise ValidationError(
                        {"questions": DUPLICATE_ANSWER % {"key": key, "value": value}}
                    )

    def snapshot(self):
        """The questionnaire as plain data: what a version freezes."""
        questions = []
        for block in self.questions:
            question = block.value
            competence = question["competence"]
            questions.append(
                {
                    "key": question["key"],
                    "kind": question["kind"],
                    "text": question["text"],
                    "observation": question["observation"] or "",
                    "image_id": question["image"].pk if question["image"] else None,
                    "competence": competence.code if competence else None,
                    "domain": competence.domain if competence else None,
                    "need": question["need"] or None,
                    "multiple": bool(question["multiple"]),
                    "answers": [
                        {"value": a["value"], "label": a["label"], "points": a["points"] or 0}
                        for a in question["answers"]
                    ],
                }
            )
        return {
            "title": self.title,
            "intro": self.intro,
            "intermediate_from": self.intermediate_from,
            "advanced_from": self.advanced_from,
            "questions": questions,
        }


class QuestionnaireVersion(models.Model):
    """A frozen copy of a questionnaire; never edited once an assessment points to it."""

    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("numéro"))
    content = models.JSONField(_("contenu"))
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créée par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("version de questionnaire")
        verbose_name_plural = _("versions de questionnaire")
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "number"], name="diag_version_unique")
        ]

    def __str__(self):
        return f"{self.questionnaire} v{self.number}"


class AssessmentQuerySet(OrganisationScopedQuerySet):
    """Staff who meet learners (coordinators, trainers) see their organisations' assessments;
    a learner sees their own; nobody else sees any."""

    scope_path = "organisation"
    scope_roles = LEARNER_ACCESS_ROLES
    scope_owner = "learner_user"


class Assessment(models.Model):
    """One person's diagnostic: answers as they come, then the result and the orientation."""

    class Mode(models.TextChoices):
        ASSISTED = "assisted", _("Avec un formateur")
        SELF = "self", _("Seul")

    class Phase(models.TextChoices):
        INITIAL = "initial", _("Diagnostic d'entrée")
        FINAL = "final", _("Diagnostic de fin de parcours")

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("En cours")
        COMPLETED = "completed", _("Terminé")

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("structure"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    version = models.ForeignKey(
        QuestionnaireVersion,
        verbose_name=_("version"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices)
    phase = models.CharField(
        _("moment"), max_length=10, choices=Phase.choices, default=Phase.INITIAL
    )
    audience = models.CharField(
        _("public"), max_length=20, choices=TrackPage.Audience.choices, default="general"
    )
    learner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte apprenant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assessments",
    )
    person_name = models.CharField(_("personne"), max_length=200, blank=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("fait avec"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("état"), max_length=12, choices=Status.choices, default=Status.IN_PROGRESS
    )
    answers = models.JSONField(_("réponses"), default=dict, blank=True)
    started_at = models.DateTimeField(_("commencé le"), auto_now_add=True)
    completed_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    score = models.PositiveIntegerField(_("score"), null=True, blank=True)
    score_max = models.PositiveIntegerField(_("score maximum"), null=True, blank=True)
    domain_scores = models.JSONField(_("scores par domaine"), default=dict, blank=True)
    level = models.CharField(_("niveau"), max_length=15, choices=Level.choices, blank=True)
    needs = models.JSONField(_("besoins"), default=dict, blank=True)
    recommendation = models.JSONField(_("orientation"), default=dict, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("diagnostic")
        verbose_name_plural = _("diagnostics")
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self):
        return f"{self.person_name or self.learner_user} — {self.version}"


class OrientationRule(models.Model):
    """(public, level, goal) → a track or a format. The first matching rule wins."""

    class Outcome(models.TextChoices):
        TRACK = "track", _("Un parcours")
        INDIVIDUAL_HELP = "individual_help", _("Aide individuelle (permanence)")

    name = models.CharField(_("nom"), max_length=200)
    priority = models.PositiveSmallIntegerField(
        _("priorité"), default=100, help_text=_("La plus petite passe en premier.")
    )
    audience = models.CharField(
        _("public"),
        max_length=20,
        choices=TrackPage.Audience.choices,
        blank=True,
        help_text=_("Vide : tous les publics."),
    )
    level = models.CharField(
        _("niveau"),
        max_length=15,
        choices=Level.choices,
        blank=True,
        help_text=_("Vide : tous les niveaux."),
    )
    goal = models.CharField(
        _("objectif de la personne"),
        max_length=20,
        blank=True,
        help_text=_("Code d'une réponse à la question des objectifs. Vide : tous."),
    )
    outcome = models.CharField(_("orientation"), max_length=20, choices=Outcome.choices)
    track = models.ForeignKey(
        TrackPage,
        verbose_name=_("parcours"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField(
        _("raison, en une phrase"), max_length=300, help_text=_("Montrée à la personne.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("priority"),
        FieldRowPanel([FieldPanel("audience"), FieldPanel("level"), FieldPanel("goal")]),
        FieldPanel("outcome"),
        FieldPanel("track"),
        FieldPanel("reason"),
        FieldPanel("is_active"),
    ]

    class Meta:
        verbose_name = _("règle d'orientation")
        verbose_name_plural = _("règles d'orientation")
        ordering = ["priority", "pk"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.outcome == self.Outcome.TRACK and not self.track_id:
            raise ValidationError({"track": _("Choisissez le parcours vers lequel orienter.")})

    def matches(self, *, audience, level, goals):
        return (
            (not self.audience or self.audience == audience)
            and (not self.level or self.level == level)
            and (not self.goal or self.goal in goals)
        )
