"""Exercises for learners: which are open to whom, the trainer's launches, and recording the
xAPI statements relayed by the learner's page as attempts.

H5P computes scores in the learner's browser, so a statement can be forged by anyone who
controls that browser. The server checks what it can — the attempt was opened for this
learner and this exercise, the exercise is open to them, the score lies between 0 and the
maximum, an attempt is finished once, a statement is counted once — and nothing here ever
unlocks a diploma: completion rules read attendance only.
"""

import datetime
import math
import re
import secrets
import uuid

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import H5PActivity, SessionPlanPage, TrackPage

from .models import Attempt, AttemptStatement, Enrolment, ExerciseLaunch

ATTEMPT_SIGNING_SALT = "tremplin.attempt"
TOKEN_MAX_AGE = 12 * 3600
MAX_SCORE_CEILING = 10_000
# A long H5P exercise sends one statement per question: far fewer than this.
MAX_STATEMENTS_PER_ATTEMPT = 300
VERBS = {"answered", "completed"}
SUB_CONTENT = "http://h5p.org/x-api/h5p-subContentId"
DURATION = re.compile(r"^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$")


class StatementRefused(Exception):
    """A statement the server will not record; `status` is the HTTP status to answer."""

    def __init__(self, message, status=400):
        super().__init__(str(message))
        self.message = message
        self.status = status


def learner_enrolments(learner):
    """The learner's groups, current and past; a group they left is not theirs any more."""
    return Enrolment.objects.filter(learner=learner).exclude(status=Enrolment.Status.DROPPED)


def learner_tracks(learner):
    return TrackPage.objects.filter(
        pk__in=learner_enrolments(learner).values("cohort__track_id")
    ).order_by("title")


def sessions_of_tracks(tracks):
    """The live session plans of these tracks, in one query (by page path)."""
    paths = Q()
    for track in tracks:
        paths |= Q(path__startswith=track.path, depth=track.depth + 1)
    if not paths:
        return SessionPlanPage.objects.none()
    return SessionPlanPage.objects.live().filter(paths)


def open_launches(learner):
    """Exercises a trainer has started, and not yet stopped, in the learner's groups."""
    return ExerciseLaunch.objects.open().filter(
        meeting__cohort_id__in=learner_enrolments(learner).values("cohort_id"),
        activity__is_active=True,
    )


def activities_open_to(learner):
    """Exercises of the sessions of the learner's tracks, and those launched in their
    groups."""
    sessions = sessions_of_tracks(learner_tracks(learner))
    return (
        H5PActivity.objects.filter(is_active=True)
        .filter(
            Q(session_plans__in=sessions) | Q(pk__in=open_launches(learner).values("activity_id"))
        )
        .distinct()
    )


def attempt_token(learner, activity, launch=None):
    """A signed ticket for one go at an exercise, given with the exercise page."""
    payload = {
        "l": learner.pk,
        "a": activity.pk,
        "x": launch.pk if launch else None,
        "n": secrets.token_hex(16),
        "t": int(timezone.now().timestamp()),
    }
    return signing.dumps(payload, salt=ATTEMPT_SIGNING_SALT)


def _ticket(token):
    try:
        payload = signing.loads(token, salt=ATTEMPT_SIGNING_SALT, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired as error:
        raise StatementRefused(
            _("Cette page d'exercice est trop ancienne : rechargez-la."), status=410
        ) from error
    except signing.BadSignature as error:
        raise StatementRefused(_("Jeton d'essai invalide."), status=400) from error
    return payload


def _number(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:
        return math.inf
    return number


def _duration(value):
    match = DURATION.match(value or "") if isinstance(value, str) else None
    if not match:
        return None
    hours, minutes, seconds = (part or "0" for part in match.groups())
    if max(len(hours), len(minutes), len(seconds)) > 9:
        return 24 * 3600
    total = int(hours) * 3600 + int(minutes) * 60 + float(seconds)
    return min(int(round(total)), 24 * 3600)


def _first_text(mapping):
    if isinstance(mapping, dict):
        for value in mapping.values():
            if isinstance(value, str):
                return value
    return ""


def parse_statement(statement, iri):
    """The parts of an xAPI statement Tremplin keeps, checked; None for other verbs."""
    if not isinstance(statement, dict):
        raise StatementRefused(_("Déclaration xAPI illisible."))
    try:
        statement_id = uuid.UUID(str(statement.get("id")))
    except ValueError as error:
        raise StatementRefused(_("La déclaration xAPI n'a pas d'identifiant valide.")) from error
    verb_id = (
        (statement.get("verb") or {}).get("id") if isinstance(statement.get("verb"), dict) else None
    )
    verb = str(verb_id or "").rstrip("/").rsplit("/", 1)[-1]
    if verb not in VERBS:
        return None
    target = statement.get("object") if isinstance(statement.get("object"), dict) else {}
    object_id = str(target.get("id") or "")
    if object_id != iri and not object_id.startswith(iri + "?"):
        raise StatementRefused(_("Cette déclaration concerne un autre exercice."), status=403)
    result = statement.get("result") if isinstance(statement.get("result"), dict) else {}
    score = result.get("score") if isinstance(result.get("score"), dict) else {}
    raw, maximum = _number(score.get("raw")), _number(score.get("max"))
    if (raw is None) != (maximum is None) and score:
        raise StatementRefused(_("Le score doit avoir une valeur et un maximum."))
    if raw is not None:
        if not (math.isfinite(raw) and math.isfinite(maximum)):
            raise StatementRefused(_("Score impossible."))
        if maximum < 0 or maximum > MAX_SCORE_CEILING:
            raise StatementRefused(_("Score maximum impossible."))
        if raw < 0 or raw > maximum:
            raise StatementRefused(_("Le score dépasse le score maximum."))
    context = statement.get("context") if isinstance(statement.get("context"), dict) else {}
    activities = (
        context.get("contextActivities")
        if isinstance(context.get("contextActivities"), dict)
        else {}
    )
    has_parent = bool(activities.get("parent"))
    definition = target.get("definition") if isinstance(target.get("definition"), dict) else {}
    extensions = (
        definition.get("extensions") if isinstance(definition.get("extensions"), dict) else {}
    )
    success = result.get("success")
    return {
        "id": statement_id,
        "verb": verb,
        "final": verb == "completed" or not has_parent,
        "question_key": str(extensions.get(SUB_CONTENT) or object_id)[:200],
        "question_label": _first_text(definition.get("name"))[:300],
        "response": str(result.get("response") or "")[:300],
        "success": success if isinstance(success, bool) else None,
        "score": raw,
        "max_score": maximum,
        "duration": _duration(result.get("duration")),
    }


def statement_record(learner, token, statement, iri_for):
    """Record one statement relayed by the learner's page. Returns (attempt, accepted final).

    `iri_for(activity)` gives the xAPI object id the player was told to use. Raises
    StatementRefused with a status: 403 for another learner's ticket or a closed exercise,
    409 for a replayed statement or a second end to one attempt."""
    ticket = _ticket(token)
    if ticket.get("l") != learner.pk:
        raise StatementRefused(_("Cet essai n'est pas le vôtre."), status=403)
    activity = activities_open_to(learner).filter(pk=ticket.get("a")).first()
    if activity is None:
        raise StatementRefused(_("Cet exercice ne vous est pas ouvert."), status=403)
    launch = None
    if ticket.get("x"):
        launch = ExerciseLaunch.objects.filter(
            pk=ticket["x"],
            activity=activity,
            meeting__cohort_id__in=learner_enrolments(learner).values("cohort_id"),
        ).first()
        if launch is None:
            raise StatementRefused(_("Cet exercice ne vous est pas ouvert."), status=403)
    parsed = parse_statement(statement, iri_for(activity))
    if parsed is None:
        return None, False
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().filter(token=ticket["n"]).first()
        if attempt is None:
            if launch is not None and launch.closed_at is not None:
                raise StatementRefused(_("Le formateur a arrêté cet exercice."), status=409)
            try:
                with transaction.atomic():
                    attempt = Attempt.objects.create(
                        learner=learner,
                        activity=activity,
                        launch=launch,
                        meeting=launch.meeting if launch else None,
                        token=ticket["n"],
                        started_at=datetime.datetime.fromtimestamp(ticket["t"], tz=datetime.UTC),
                    )
            except IntegrityError:
                attempt = Attempt.objects.select_for_update().get(token=ticket["n"])
        if attempt.finished_at is not None:
            raise StatementRefused(_("Cet essai est déjà terminé."), status=409)
        if attempt.statements.count() >= MAX_STATEMENTS_PER_ATTEMPT:
            raise StatementRefused(_("Trop de réponses pour un seul essai."), status=409)
        try:
            with transaction.atomic():
                AttemptStatement.objects.create(
                    attempt=attempt,
                    statement_id=parsed["id"],
                    verb=parsed["verb"],
                    question_key="" if parsed["final"] else parsed["question_key"],
                    question_label="" if parsed["final"] else parsed["question_label"],
                    response=parsed["response"],
                    success=parsed["success"],
                    score=parsed["score"],
                    max_score=parsed["max_score"],
                )
        except IntegrityError as error:
            raise StatementRefused(_("Cette déclaration a déjà été reçue."), status=409) from error
        if parsed["final"]:
            attempt.finished_at = timezone.now()
            attempt.score = parsed["score"]
            attempt.max_score = parsed["max_score"]
            attempt.success = parsed["success"]
            attempt.duration_seconds = parsed["duration"]
            if attempt.duration_seconds is None:
                elapsed = (attempt.finished_at - attempt.started_at).total_seconds()
                attempt.duration_seconds = max(0, min(int(elapsed), 24 * 3600))
            attempt.save(
                update_fields=["finished_at", "score", "max_score", "success", "duration_seconds"]
            )
    return attempt, parsed["final"]


def launch_start(meeting, activity, user):
    """Start an exercise for the group; an exercise already running at this meeting is
    returned as it is (a double tap starts nothing twice)."""
    running = ExerciseLaunch.objects.filter(
        meeting=meeting, activity=activity, closed_at__isnull=True
    )
    try:
        with transaction.atomic():
            return running.first() or ExerciseLaunch.objects.create(
                meeting=meeting, activity=activity, launched_by=user
            )
    except IntegrityError:  # the other tap created it first (a constraint allows one)
        return running.get()


def launch_stop(launch):
    if launch.closed_at is None:
        launch.closed_at = timezone.now()
        launch.save(update_fields=["closed_at"])
    return launch
