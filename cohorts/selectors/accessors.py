"""One accessor per scoped entity of cohorts: `<entity>_get(*, actor, <entity>_id,
for_update=False)`, 404 alike whether the row is missing or another organisation's.

Each reads, in the same query, the relations that the entity's pages show (the roll-call
tap, which shows none of them, reads its meeting with `roll_call.meeting_for_roll_call`).
"""

from accounts.scoping import scoped_get

from ..models import Cohort, Diploma, Enrolment, ExerciseLaunch, Learner, Meeting


def learner_get(*, actor, learner_id, for_update=False):
    """A learner of the organisations where `actor` coordinates or trains."""
    learners = Learner.objects.select_related("user")
    return scoped_get(learners, actor=actor, pk=learner_id, for_update=for_update)


def cohort_get(*, actor, cohort_id, for_update=False):
    cohorts = Cohort.objects.select_related("track", "programme", "organisation", "diploma_batch")
    return scoped_get(cohorts, actor=actor, pk=cohort_id, for_update=for_update)


def meeting_get(*, actor, meeting_id, for_update=False):
    meetings = Meeting.objects.select_related(
        "cohort__track", "cohort__organisation", "cohort__diploma_batch", "session_plan", "handouts"
    )
    return scoped_get(meetings, actor=actor, pk=meeting_id, for_update=for_update)


def enrolment_get(*, actor, enrolment_id, for_update=False):
    enrolments = Enrolment.objects.select_related("learner", "cohort__track")
    return scoped_get(enrolments, actor=actor, pk=enrolment_id, for_update=for_update)


def diploma_get(*, actor, diploma_id, for_update=False):
    return scoped_get(Diploma.objects, actor=actor, pk=diploma_id, for_update=for_update)


def launch_get(*, actor, launch_id, for_update=False):
    """An exercise launched at a meeting of the actor's organisations."""
    launches = ExerciseLaunch.objects.select_related(
        "activity", "meeting__cohort", "meeting__session_plan"
    )
    return scoped_get(launches, actor=actor, pk=launch_id, for_update=for_update)
