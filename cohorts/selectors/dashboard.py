"""Reads of a cohort's dashboard: learners × meetings with their marks, completion and
diplomas; the competences each learner worked on; who gave their opinion. The devices handed
over come from equipment (above cohorts): the trainer's page adds them to the rows, through
`equipment.selectors.current_handovers`."""

from dataclasses import dataclass

from courses.models import SessionPlanPage

from ..models import Attendance, Diploma, SatisfactionAnswer
from .completion import Completion, cohort_completions


@dataclass
class MatrixRow:
    learner: object
    enrolment: object
    cells: list
    completion: Completion
    diplomas: list
    handover: object | None = None


def cohort_matrix(*, cohort):
    """Learners × meetings with the marks, minutes attended, completion and diplomas (each
    row's `handover` is left for the page to fill). A fixed number of queries whatever the
    number of learners or meetings."""
    meetings = list(cohort.meetings.order_by("number"))
    marks = {
        (a.learner_id, a.meeting_id): a
        for a in Attendance.objects.filter(meeting__cohort=cohort).only(
            "learner_id", "meeting_id", "mark", "late_minutes", "minutes"
        )
    }
    completions = {c.learner_id: c for c in cohort_completions(cohort=cohort)}
    diplomas = {}
    for diploma in Diploma.objects.filter(enrolment__cohort=cohort).order_by("kind"):
        diplomas.setdefault(diploma.enrolment_id, []).append(diploma)
    enrolments = cohort.enrolments.select_related("learner").order_by(
        "learner__last_name", "learner__first_name"
    )
    rows = []
    for enrolment in enrolments:
        learner = enrolment.learner
        rows.append(
            MatrixRow(
                learner,
                enrolment,
                [marks.get((learner.pk, meeting.pk)) for meeting in meetings],
                completions[learner.pk],
                diplomas.get(enrolment.pk, []),
            )
        )
    return meetings, rows


def competences_attended(*, cohort):
    """For each learner, the competences of the session plans of the meetings they attended
    ("code name", in the framework's order). Two queries whatever the size of the cohort."""
    attended = Attendance.objects.filter(
        meeting__cohort=cohort,
        mark__in=Attendance.ATTENDED_MARKS,
        meeting__session_plan__isnull=False,
    ).values_list("learner_id", "meeting__session_plan_id")
    by_learner = {}
    for learner_id, plan_id in attended:
        by_learner.setdefault(learner_id, set()).add(plan_id)
    plan_ids = set().union(*by_learner.values()) if by_learner else set()
    through = SessionPlanPage.competences.through
    by_plan = {}
    for link in through.objects.filter(sessionplanpage_id__in=plan_ids).select_related(
        "competence"
    ):
        by_plan.setdefault(link.sessionplanpage_id, set()).add(
            (link.competence.code, link.competence.name)
        )
    result = {}
    for learner_id, plans in by_learner.items():
        found = set().union(*(by_plan.get(plan, set()) for plan in plans))
        result[learner_id] = [f"{code} {name}" for code, name in sorted(found)]
    return result


def cohort_survey_answered(*, cohort):
    """The enrolments of the cohort whose learner gave their end-of-track opinion (the
    answers themselves stay out of the trainer's pages). One query."""
    return set(
        SatisfactionAnswer.objects.filter(enrolment__cohort=cohort).values_list(
            "enrolment_id", flat=True
        )
    )
