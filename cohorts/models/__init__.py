"""Models of cohorts: the groups and their meetings (`groups`), and the evidence they leave —
signatures, paper sheets, diplomas (`evidence`)."""

from .evidence import Diploma, Signature
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
    "Attendance",
    "Cohort",
    "Diploma",
    "Enrolment",
    "HelpVisit",
    "Learner",
    "Meeting",
    "Programme",
    "Referral",
    "Reminder",
    "Signature",
    "WaitingListEntry",
]
