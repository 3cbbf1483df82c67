"""Writes of diagnostics: versions, taking a diagnostic, orienting the person."""

import hashlib
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.scoping import scoped_get, works_for

from . import scoring
from .models import Assessment, OrientationRule, Questionnaire, QuestionnaireVersion

ANSWER_UNKNOWN_QUESTION = gettext_noop("Cette question ne fait pas partie de ce diagnostic.")
ANSWER_NOT_ALLOWED = gettext_noop("Choisissez une des réponses proposées.")
ANSWER_MISSING = gettext_noop("Choisissez une réponse pour continuer.")
ASSESSMENT_INCOMPLETE = gettext_noop(
    "Il manque des réponses : %(count)s question(s) sans réponse. Le diagnostic reste en cours."
)
ASSESSMENT_CLOSED = gettext_noop("Ce diagnostic est terminé : ses réponses ne changent plus.")
NOT_ALLOWED = gettext_noop("Vous ne pouvez pas faire passer un diagnostic pour cette structure.")
NO_VERSION = gettext_noop("Ce questionnaire n'a pas encore de version publiée.")

# What the equipment and internet answers flag for the coordinator.
EQUIPMENT_NEED_VALUES = {"aucun", "telephone"}


def _fingerprint(content):
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


@transaction.atomic
def questionnaire_publish_version(*, questionnaire, actor=None):
    """Freeze the questionnaire as a new version if it changed; return the current version.

    Past assessments keep pointing at the version they were taken with.
    """
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    questionnaire.full_clean()
    content = questionnaire.snapshot()
    current = questionnaire.current_version
    if current is not None and _fingerprint(current.content) == _fingerprint(content):
        return current
    number = (
        questionnaire.versions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    version = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire, number=number, content=content, created_by=actor
    )
    questionnaire.current_version = version
    questionnaire.save(update_fields=["current_version"])
    return version


@transaction.atomic
def assessment_start(
    *,
    actor,
    organisation,
    questionnaire,
    mode,
    audience="general",
    phase="initial",
    learner_user=None,
    person_name="",
):
    """Open a diagnostic for a person: with a trainer (assisted) or alone (self)."""
    if mode == Assessment.Mode.ASSISTED:
        if not works_for(actor, organisation):
            raise PermissionDenied(_(NOT_ALLOWED))
    elif learner_user is None or learner_user.pk != actor.pk:
        raise PermissionDenied(_(NOT_ALLOWED))
    version_id = (
        Questionnaire.objects.filter(pk=questionnaire.pk)
        .values_list("current_version_id", flat=True)
        .first()
    )
    if version_id is None:
        raise ValidationError(_(NO_VERSION))
    assessment = Assessment(
        organisation=organisation,
        version_id=version_id,
        mode=mode,
        audience=audience,
        phase=phase,
        learner_user=learner_user,
        person_name=person_name,
        taken_by=actor if mode == Assessment.Mode.ASSISTED else None,
    )
    assessment.full_clean()
    assessment.save()
    return assessment


def assessment_questions(assessment):
    return scoring.questions_for_mode(assessment.version.content, assessment.mode)


def assessment_next_question(assessment):
    """The first question without an answer: where an interrupted diagnostic resumes."""
    for index, question in enumerate(assessment_questions(assessment)):
        if question["key"] not in assessment.answers:
            return index, question
    return None, None


def _locked_assessment(actor, assessment_id):
    assessment = scoped_get(
        Assessment.objects.select_for_update().select_related("version"),
        actor=actor,
        pk=assessment_id,
        denied=NOT_ALLOWED,
    )
    if assessment.status == Assessment.Status.COMPLETED:
        raise ValidationError(_(ASSESSMENT_CLOSED))
    return assessment


@transaction.atomic
def assessment_answer(*, actor, assessment_id, key, value):
    """Record one answer (a list for multiple-choice needs). A bad answer changes nothing."""
    assessment = _locked_assessment(actor, assessment_id)
    question = next((q for q in assessment_questions(assessment) if q["key"] == key), None)
    if question is None:
        raise ValidationError(_(ANSWER_UNKNOWN_QUESTION))
    allowed = {answer["value"] for answer in question["answers"]}
    if question["multiple"]:
        values = value if isinstance(value, list | tuple) else [value]
        values = [v for v in values if v]
        if not values:
            raise ValidationError(_(ANSWER_MISSING))
        if not set(values) <= allowed:
            raise ValidationError(_(ANSWER_NOT_ALLOWED))
        stored = sorted(set(values))
    else:
        if not value:
            raise ValidationError(_(ANSWER_MISSING))
        if value not in allowed:
            raise ValidationError(_(ANSWER_NOT_ALLOWED))
        stored = value
    assessment.answers = {**assessment.answers, key: stored}
    assessment.save(update_fields=["answers"])
    return assessment


def orientation_for(*, audience, level, goals):
    """The first active rule that matches, as data stored with the assessment. When it is a
    goal rule (a thematic workshop), every workshop matching another goal is listed too."""
    rules = [
        rule
        for rule in OrientationRule.objects.filter(is_active=True).select_related("track")
        if rule.matches(audience=audience, level=level, goals=goals)
    ]
    if not rules:
        return {
            "rule_id": None,
            "outcome": "individual_help",
            "tracks": [],
            "reason": _("Un conseiller ou une conseillère vous propose la suite en rendez-vous."),
        }
    first = rules[0]
    chosen = [first] + ([r for r in rules[1:] if r.goal] if first.goal else [])
    return {
        "rule_id": first.pk,
        "outcome": first.outcome,
        "tracks": [
            {"id": r.track_id, "title": r.track.title} for r in chosen if r.track_id is not None
        ],
        "reason": first.reason,
    }


@transaction.atomic
def assessment_complete(*, actor, assessment_id):
    """Score a complete diagnostic, set its level and orientation, and close it."""
    assessment = _locked_assessment(actor, assessment_id)
    missing = [q for q in assessment_questions(assessment) if q["key"] not in assessment.answers]
    if missing:
        raise ValidationError(_(ASSESSMENT_INCOMPLETE) % {"count": len(missing)})
    result = scoring.score(assessment.version.content, assessment.answers, assessment.mode)
    goals = result.needs.get("goals") or []
    needs = dict(result.needs)
    needs["equipment_needed"] = needs.get("equipment") in EQUIPMENT_NEED_VALUES
    assessment.score = result.score
    assessment.score_max = result.score_max
    assessment.domain_scores = result.domain_scores
    assessment.level = result.level
    assessment.needs = needs
    assessment.recommendation = orientation_for(
        audience=assessment.audience, level=result.level, goals=goals
    )
    assessment.status = Assessment.Status.COMPLETED
    assessment.completed_at = timezone.now()
    assessment.save()
    return assessment
