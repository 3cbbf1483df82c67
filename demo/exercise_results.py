"""Demo results of exercises: the initiation cycle at the Bastide has done the exercises of
its first four sessions — the fourth one launched by Karim during the meeting — so that the
trainer's results pages show real-looking figures. Amina (the demo learner) has left
those of the first session for the visitor to try.

Loading twice changes nothing: attempts carry a demo token derived from who did what.
"""

import datetime
import html
import json
import random
import uuid

from django.db import transaction

from accounts.models import User
from cohorts.models import Attempt, AttemptStatement, Attendance, Cohort, ExerciseLaunch
from courses.h5p.packages import h5p_storage
from courses.models import H5PActivity

COHORT = "Cycle d'initiation — Bastide"
# How likely each demo learner is to answer a question right.
SKILL = {
    "Amina": 0.75,
    "Gérard": 0.6,
    "Josiane": 0.55,
    "Yusuf": 0.7,
    "Marie-Thérèse": 0.5,
    "Kévin": 0.8,
    "Samira": 0.85,
}
LAUNCHED_SESSION = 4
LEFT_FOR_THE_VISITOR = ("Amina", 1)


def _questions(activity):
    try:
        with h5p_storage().open(f"{activity.storage_prefix}/content/content.json") as handle:
            content = json.loads(handle.read().decode("utf-8"))
    except (OSError, ValueError):
        return []
    return [
        html.unescape(str(question.get("text") or ""))[:300]
        for question in content.get("questions") or []
        if isinstance(question, dict)
    ]


def _attempt(learner, activity, meeting, launch, when, rng):
    token = f"demo-{learner.pk}-{activity.pk}"
    if Attempt.objects.filter(token=token).exists():
        return None
    questions = _questions(activity)
    right = [rng.random() < SKILL.get(learner.first_name, 0.6) for _ in questions]
    duration = 40 + 25 * len(questions) + rng.randrange(60)
    attempt = Attempt.objects.create(
        learner=learner,
        activity=activity,
        launch=launch,
        meeting=meeting,
        token=token,
        started_at=when,
        finished_at=when + datetime.timedelta(seconds=duration),
        score=sum(right),
        max_score=len(questions),
        success=all(right),
        duration_seconds=duration,
    )
    AttemptStatement.objects.bulk_create(
        [
            AttemptStatement(
                attempt=attempt,
                statement_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                verb="answered",
                question_key=f"q{index}",
                question_label=label,
                success=ok,
                score=1 if ok else 0,
                max_score=1,
            )
            for index, (label, ok) in enumerate(zip(questions, right, strict=True), start=1)
        ]
        + [
            AttemptStatement(
                attempt=attempt,
                statement_id=uuid.UUID(int=rng.getrandbits(128), version=4),
                verb="completed",
                success=attempt.success,
                score=attempt.score,
                max_score=attempt.max_score,
            )
        ]
    )
    return attempt


@transaction.atomic
def load_exercise_results():
    cohort = Cohort.objects.filter(name=COHORT).first()
    if cohort is None:
        return []
    trainer = User.objects.filter(username="karim.benali").first()
    made = []
    meetings = cohort.meetings.filter(closed_at__isnull=False, session_plan__isnull=False)
    for meeting in meetings.order_by("number"):
        activities = H5PActivity.objects.filter(session_plans=meeting.session_plan).order_by("pk")
        present = Attendance.objects.filter(
            meeting=meeting, mark__in=[Attendance.Mark.PRESENT, Attendance.Mark.LATE]
        ).select_related("learner")
        for activity in activities:
            launch = None
            if meeting.number == LAUNCHED_SESSION:
                launch, _created = ExerciseLaunch.objects.get_or_create(
                    meeting=meeting,
                    activity=activity,
                    defaults={"launched_by": trainer},
                )
                if launch.closed_at is None:
                    launch.closed_at = meeting.starts_at + datetime.timedelta(minutes=100)
                    launch.save(update_fields=["closed_at"])
            for attendance in present:
                learner = attendance.learner
                if (learner.first_name, meeting.number) == LEFT_FOR_THE_VISITOR:
                    continue
                rng = random.Random(f"{learner.pk}-{activity.pk}")  # noqa: S311 (demo scores)
                if launch:
                    when = meeting.starts_at + datetime.timedelta(minutes=80)
                else:
                    when = meeting.starts_at + datetime.timedelta(days=1 + rng.randrange(3))
                attempt = _attempt(learner, activity, launch and meeting, launch, when, rng)
                if attempt:
                    made.append(attempt)
    return made
