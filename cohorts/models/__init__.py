"""Models of cohorts, one module per concept: learners, programmes, cohorts, meetings (and
their reminders), enrolments (and the waiting list), attendance, individual help, the
evidence they leave — signatures, diplomas (`evidence`) —, referrals, exercise attempts
(`exercises`), the end-of-track satisfaction survey (`survey`) and the audit log of
learners' files (`audit`). Every name is re-exported here: `from cohorts.models import X`."""

from .attendance import Attendance
from .audit import AuditEntry
from .cohorts import Cohort
from .enrolments import Enrolment, WaitingListEntry
from .evidence import Diploma, Signature
from .exercises import Attempt, AttemptStatement, ExerciseLaunch
from .help_visits import HelpVisit
from .learners import Learner
from .meetings import Meeting, Reminder
from .programmes import Programme
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
