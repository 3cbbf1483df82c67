"""Reads of cohorts, one module per concept: the accessors of single rows (`accessors`),
minutes attended and completion (`completion`), the trainer's days and a meeting's roll
(`roll_call`), a cohort's dashboard (`dashboard`), exercise results (`exercises`, imported
as a module: its names would clash). The other public names are re-exported here."""

from .accessors import (
    cohort_get,
    diploma_get,
    enrolment_get,
    launch_get,
    learner_get,
    meeting_get,
)
from .completion import (
    Completion,
    attended_minutes,
    cohort_completions,
    completion_rule_met,
    format_minutes,
)
from .dashboard import MatrixRow, cohort_matrix, cohort_survey_answered, competences_attended
from .roll_call import RollRow, meeting_for_roll_call, meeting_roll, trainer_meetings

__all__ = [
    "Completion",
    "MatrixRow",
    "RollRow",
    "attended_minutes",
    "cohort_completions",
    "cohort_get",
    "cohort_matrix",
    "cohort_survey_answered",
    "competences_attended",
    "completion_rule_met",
    "diploma_get",
    "enrolment_get",
    "format_minutes",
    "launch_get",
    "learner_get",
    "meeting_for_roll_call",
    "meeting_get",
    "meeting_roll",
    "trainer_meetings",
]
