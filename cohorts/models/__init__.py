"""Models of cohorts: the groups and their meetings (`groups`), and the evidence they leave —
signatures, paper sheets, diplomas (`evidence`) —, referrals, exercise attempts
(`exercises`), the end-of-track satisfaction survey (`survey`) and the audit log of
learners' files (`audit`)."""

from .audit import AuditEntry
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
from .survey import SatisfactionAnswer

__all__ = [
    "Attempt",
    "AttemptStatement",
    "Attendance",
    "AuditEntry",
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
    "SatisfactionAnswer",
    "Signature",
    "WaitingListEntry",
]
