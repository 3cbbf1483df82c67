"""Reads of exercise results for the trainer: a launch followed live, a cohort's results, a
learner's attempts, and the exercises of each competence.

Scores are computed in the learner's browser (see `cohorts.exercises`): everything here is
an indication for the trainer, never the basis of a diploma. Each function runs a fixed
number of queries, whatever the size of the group.
"""

from dataclasses import dataclass, field

from django.db.models import Case, Count, F, FloatField, Max, Prefetch, Q, Sum, When
from django.utils.translation import gettext as _

from courses.models import Competence, H5PActivity, SessionPlanPage, TrackPage

from ..models import Attempt, AttemptStatement, Attendance, Enrolment, ExerciseLaunch


def duration_text(seconds):
    """42 → '42 s', 125 → '2 min 05 s', 3700 → '1 h 01 min'; '' when unknown."""
    if seconds is None:
        return ""
    seconds = int(seconds)
    if seconds < 60:
        return _("%(seconds)d s") % {"seconds": seconds}
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return _("%(minutes)d min %(seconds)02d s") % {"minutes": minutes, "seconds": seconds}
    hours, minutes = divmod(minutes, 60)
    return _("%(hours)d h %(minutes)02d min") % {"hours": hours, "minutes": minutes}


def _percent(part, whole):
    return round(100 * part / whole) if whole else None


# --- At a meeting ---------------------------------------------------------------------


def meeting_exercises(*, meeting):
    """The active exercises of the meeting's session plan, by title."""
    if meeting.session_plan_id is None:
        return H5PActivity.objects.none()
    return H5PActivity.objects.filter(
        session_plans=meeting.session_plan_id, is_active=True
    ).order_by("title")


def meeting_launches(*, meeting):
    """The exercises launched at this meeting, the running ones first."""
    return (
        ExerciseLaunch.objects.filter(meeting=meeting)
        .select_related("activity")
        .order_by(F("closed_at").desc(nulls_first=True), "-opened_at")
    )


class Status:
    TODO = "todo"
    DOING = "doing"
    DONE = "done"


@dataclass
class BoardRow:
    learner: object
    present: bool
    attempt: Attempt | None

    @property
    def status(self):
        if self.attempt is None:
            return Status.TODO
        return Status.DONE if self.attempt.finished_at else Status.DOING

    @property
    def duration(self):
        return duration_text(self.attempt.duration_seconds) if self.attempt else ""


@dataclass
class QuestionRow:
    key: str
    label: str
    answered: int
    graded: int
    right: int

    @property
    def percent(self):
        return _percent(self.right, self.graded)


@dataclass
class LaunchBoard:
    rows: list
    questions: list

    @property
    def total(self):
        return len(self.rows)

    @property
    def finished(self):
        return sum(1 for row in self.rows if row.status == Status.DONE)


def _question_rows(attempt_ids):
    """Per question (by key): how many answered, how many of the graded answers are right."""
    if not attempt_ids:
        return []
    rows = (
        AttemptStatement.objects.filter(attempt_id__in=attempt_ids)
        .exclude(question_key="")
        .values("question_key")
        .annotate(
            label=Max("question_label"),
            answered=Count("id"),
            graded=Count("id", filter=Q(success__isnull=False)),
            right=Count("id", filter=Q(success=True)),
        )
        .order_by("question_key")
    )
    return [
        QuestionRow(r["question_key"], r["label"], r["answered"], r["graded"], r["right"])
        for r in rows
    ]


def launch_board(*, launch):
    """One row per learner of the group (not dropped), present ones first, with their latest
    attempt in this launch; and the per-question summary of those attempts. Four queries."""
    meeting = launch.meeting
    enrolments = (
        Enrolment.objects.filter(cohort_id=meeting.cohort_id)
        .exclude(status=Enrolment.Status.DROPPED)
        .select_related("learner")
        .order_by("learner__last_name", "learner__first_name")
    )
    present = set(
        Attendance.objects.filter(
            meeting=meeting, mark__in=[Attendance.Mark.PRESENT, Attendance.Mark.LATE]
        ).values_list("learner_id", flat=True)
    )
    latest = {}
    for attempt in Attempt.objects.filter(launch=launch).order_by("started_at", "pk"):
        latest[attempt.learner_id] = attempt
    rows = [
        BoardRow(e.learner, e.learner_id in present, latest.get(e.learner_id)) for e in enrolments
    ]
    rows.sort(key=lambda row: not row.present)
    counted = [row.attempt.pk for row in rows if row.attempt]
    return LaunchBoard(rows, _question_rows(counted))


# --- A cohort's results ---------------------------------------------------------------


@dataclass
class Cell:
    tries: int = 0
    best: Attempt | None = None

    def add(self, attempt):
        self.tries += 1
        if attempt.finished_at is None or attempt.percent is None:
            return
        if self.best is None or (attempt.percent, attempt.score) > (
            self.best.percent,
            self.best.score,
        ):
            self.best = attempt


@dataclass
class ResultRow:
    learner: object
    cells: list = field(default_factory=list)


def track_sessions_with_exercises(*, track):
    """The live session plans of the track that have exercises, in order, each with its
    exercises (active or not: results outlive a withdrawn exercise) as `exercise_list`."""
    sessions = (
        SessionPlanPage.objects.child_of(track)
        .live()
        .order_by("number")
        .prefetch_related(
            Prefetch(
                "exercises", queryset=H5PActivity.objects.order_by("title"), to_attr="exercise_list"
            )
        )
    )
    return [session for session in sessions if session.exercise_list]


def cohort_exercise_results(*, actor, cohort):
    """Learners (not dropped) × the track's exercises: the best finished attempt and the
    number of tries of each. Returns (sessions, columns, rows); four queries."""
    sessions = track_sessions_with_exercises(track=cohort.track)
    columns = [activity for session in sessions for activity in session.exercise_list]
    enrolments = (
        Enrolment.objects.filter(cohort=cohort)
        .exclude(status=Enrolment.Status.DROPPED)
        .select_related("learner")
        .order_by("learner__last_name", "learner__first_name")
    )
    rows = [ResultRow(e.learner, [Cell() for _column in columns]) for e in enrolments]
    index = {activity.pk: position for position, activity in enumerate(columns)}
    by_learner = {row.learner.pk: row for row in rows}
    if rows and columns:
        attempts = (
            Attempt.objects.visible_to(actor)
            .filter(learner_id__in=by_learner, activity_id__in=index)
            .only("learner_id", "activity_id", "score", "max_score", "finished_at")
        )
        for attempt in attempts:
            by_learner[attempt.learner_id].cells[index[attempt.activity_id]].add(attempt)
    return sessions, columns, rows


# --- A learner's attempts -------------------------------------------------------------


def learner_attempts(*, actor, learner):
    """The learner's attempts, newest first, each with its answers (`answers`)."""
    return (
        Attempt.objects.visible_to(actor)
        .filter(learner=learner)
        .select_related("activity", "meeting", "meeting__cohort")
        .prefetch_related(
            Prefetch(
                "statements",
                queryset=AttemptStatement.objects.exclude(question_key=""),
                to_attr="answers",
            )
        )
        .order_by("-started_at", "-pk")
    )


# --- Exercises per competence ---------------------------------------------------------


@dataclass
class ExerciseStats:
    activity: H5PActivity
    sessions: list
    finished: int = 0
    scored: int = 0
    percent_sum: float = 0.0

    @property
    def mean(self):
        return round(self.percent_sum / self.scored) if self.scored else None


@dataclass
class CompetenceRow:
    competence: Competence
    exercises: list

    @property
    def finished(self):
        return sum(stats.finished for stats in self.exercises)

    @property
    def mean(self):
        scored = sum(stats.scored for stats in self.exercises)
        total = sum(stats.percent_sum for stats in self.exercises)
        return round(total / scored) if scored else None


def _finished_stats(actor):
    """Per activity: finished attempts the actor may see, how many have a score, and the
    sum of their percentages."""
    percent = Case(
        When(max_score__gt=0, then=100.0 * F("score") / F("max_score")),
        output_field=FloatField(),
    )
    rows = (
        Attempt.objects.visible_to(actor)
        .finished()
        .values("activity_id")
        .annotate(
            finished=Count("id"),
            scored=Count("id", filter=Q(max_score__gt=0, score__isnull=False)),
            percent_sum=Sum(percent),
        )
        .order_by()
    )
    return {row["activity_id"]: row for row in rows}


def competence_exercises(*, actor):
    """Each competence that has exercises, with its exercises, the sessions (and tracks)
    using them, and the finished attempts counted over what the actor may see only."""
    competences = (
        Competence.objects.filter(exercises__isnull=False)
        .distinct()
        .order_by("domain", "code")
        .prefetch_related(
            Prefetch(
                "exercises",
                queryset=H5PActivity.objects.order_by("title").prefetch_related(
                    Prefetch(
                        "session_plans",
                        queryset=SessionPlanPage.objects.order_by("path").only(
                            "id", "title", "path", "depth", "number"
                        ),
                    )
                ),
            )
        )
    )
    competences = list(competences)
    parent_paths = {
        session.path[: -TrackPage.steplen]
        for competence in competences
        for activity in competence.exercises.all()
        for session in activity.session_plans.all()
    }
    tracks = {
        track.path: track
        for track in TrackPage.objects.filter(path__in=parent_paths).only("id", "title", "path")
    }
    stats = _finished_stats(actor)
    result = []
    for competence in competences:
        rows = []
        for activity in competence.exercises.all():
            sessions = []
            for session in activity.session_plans.all():
                session.track = tracks.get(session.path[: -TrackPage.steplen])
                sessions.append(session)
            figures = stats.get(activity.pk, {})
            rows.append(
                ExerciseStats(
                    activity,
                    sessions,
                    figures.get("finished", 0),
                    figures.get("scored", 0),
                    figures.get("percent_sum") or 0.0,
                )
            )
        result.append(CompetenceRow(competence, rows))
    return result
