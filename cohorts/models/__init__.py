"""Models of cohorts: the groups and their meetings (`groups`), and the evidence they leave —
signatures, paper sheets, diplomas (`evidence`) —, referrals, and exercise attempts
(`exercises`)."""

from .evidence import Diploma, Signature
from .exercises import Attempt, AttemptStatement, ExerciseLaunch
from .groups import (
    Attendance,
    Cohort,
    Enrolment,
    HelpVisit,
    Learner,
    Meeting,
    Programme,
    Reminder,
    WaitingListEntry,
)
from .referrals import Referral

__all__ = [
    "Attempt",
    "AttemptStatement",
    "Attendance",
    "Cohort",
    "Diploma",
    "Enrolment",
    "ExerciseLaunch",
    "HelpVisit",
    "Learner",
    "Meeting",
    "Programme",
    "Referral",
    "Reminder",
    "Signature",
    "WaitingListEntry",
]
