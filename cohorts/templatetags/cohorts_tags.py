"""Template filters of the cohorts' pages: durations and the dashboard's mark letters."""

from django import template

from core.durations import format_duration

from ..models import Attendance

register = template.Library()
M = Attendance.Mark
MARK_LETTERS = {M.PRESENT: "P", M.LATE: "R", M.ABSENT: "A", M.EXCUSED: "E"}


@register.filter
def duration(minutes):
    """120 → '2 h', 90 → '1 h 30'."""
    return format_duration(minutes)


@register.filter
def mark_letter(attendance):
    """The one-letter code of a mark in the dashboard matrix (P, R, A, E); '·' when none."""
    if attendance is None:
        return "·"
    return MARK_LETTERS[attendance.mark]
