"""The end-of-track satisfaction survey: when it opens, its questions as a form shows them,
and the one write, `satisfaction_record`.

It opens when the cohort's last meeting has started, or as soon as the enrolment is
completed: the learner answers in their space, or on the trainer's device at the last
meeting. One answer per enrolment; answering again updates it.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .models import Enrolment, Meeting, SatisfactionAnswer

SURVEY_ANSWER_MISSING = gettext_noop("Choisissez une réponse.")
SURVEY_DROPPED = gettext_noop("Cette personne a quitté le groupe : elle ne donne pas d'avis.")
SURVEY_NOT_OPEN = gettext_noop("Vous pourrez donner votre avis à la dernière séance.")
SURVEY_NOT_ALLOWED = gettext_noop("Vous ne pouvez pas recueillir l'avis de cette personne.")

FACES = {
    SatisfactionAnswer.Smiley.NO: "😞",
    SatisfactionAnswer.Smiley.A_LITTLE: "😐",
    SatisfactionAnswer.Smiley.YES: "😀",
}
FIELDS = [name for name, _question in SatisfactionAnswer.QUESTIONS]


def open_enrolments(queryset=None, *, now=None):
    """Enrolments whose survey is open: not dropped, and completed or at the last meeting
    (the last meeting that is not cancelled has started). One query, whatever the number."""
    now = now or timezone.now()
    queryset = Enrolment.objects.all() if queryset is None else queryset
    last_start = (
        Meeting.objects.filter(cohort_id=OuterRef("cohort_id"))
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-number")
        .values("starts_at")[:1]
    )
    return (
        queryset.exclude(status=Enrolment.Status.DROPPED)
        .annotate(last_meeting_starts_at=Subquery(last_start))
        .filter(
            Q(status=Enrolment.Status.COMPLETED) | Q(last_meeting_starts_at__lte=now),
        )
    )


def learner_survey_enrolment(learner, *, now=None):
    """The enrolment a learner gives their opinion on in their space: the most recent track
    whose survey is open, with its answer if any; None when no survey is open."""
    return (
        open_enrolments(Enrolment.objects.filter(learner=learner), now=now)
        .select_related("cohort__track", "satisfaction")
        .order_by("-cohort__starts_on", "-pk")
        .first()
    )


def _clean(answers):
    values, errors = {}, {}
    for name in FIELDS:
        value = answers.get(name)
        if isinstance(value, str):
            # ASCII digits only: int() would also read "٣" or " 3 ".
            value = int(value) if value.isascii() and value.isdecimal() else None
        if isinstance(value, bool) or value not in SatisfactionAnswer.Smiley.values:
            errors[name] = _(SURVEY_ANSWER_MISSING)
        else:
            values[name] = value
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def satisfaction_record(*, enrolment, answers, source, actor=None):
    """Keep a learner's three answers (`answers` maps each question's field to 1, 2 or 3).

    Without `actor`, the learner answers for themself in their space (the caller has
    read the enrolment from the signed-in learner's file) and the survey must be open. With
    one, a trainer or coordinator of the cohort's structure records the answers given on
    their device. Answering again updates the same row. A `ValidationError` keyed by field
    says which question lacks a valid answer."""
    values = _clean(answers)
    enrolment = (
        (Enrolment.objects if actor is None else Enrolment.objects.visible_to(actor))
        .select_for_update(of=("self",))
        .filter(pk=enrolment.pk)
        .first()
    )
    if enrolment is None:
        raise PermissionDenied(_(SURVEY_NOT_ALLOWED))
    if enrolment.status == Enrolment.Status.DROPPED:
        raise ValidationError(_(SURVEY_DROPPED))
    if actor is None and not open_enrolments().filter(pk=enrolment.pk).exists():
        raise ValidationError(_(SURVEY_NOT_OPEN))
    answer = SatisfactionAnswer.objects.filter(enrolment=enrolment).first()
    if answer is None:
        answer = SatisfactionAnswer(enrolment=enrolment)
    for name, value in values.items():
        setattr(answer, name, value)
    answer.answered_at = timezone.now()
    answer.source = source
    answer.recorded_by = actor
    answer.full_clean()
    answer.save()
    return answer


@dataclass
class Choice:
    value: int
    label: str
    face: str
    checked: bool


@dataclass
class Question:
    name: str
    number: int
    text: str
    error: str = ""
    choices: list[Choice] = field(default_factory=list)

    @property
    def text_id(self):
        return f"question-{self.name}"


def survey_questions(*, chosen=None, errors=None):
    """The three questions as the form shows them, with the faces already chosen (the
    saved answer, or what was sent when the form comes back with an error)."""
    chosen = chosen or {}
    errors = errors or {}
    questions = []
    for number, (name, text) in enumerate(SatisfactionAnswer.QUESTIONS, start=1):
        picked = str(chosen.get(name) or "")
        questions.append(
            Question(
                name=name,
                number=number,
                text=str(text),
                error=" ".join(errors.get(name, [])),
                choices=[
                    Choice(value, str(label), FACES[value], picked == str(value))
                    for value, label in SatisfactionAnswer.Smiley.choices
                ],
            )
        )
    return questions


def saved_choices(answer):
    """What the learner chose last time, to show it again."""
    if answer is None:
        return {}
    return {name: getattr(answer, name) for name in FIELDS}
