from django import template

from core.durations import format_duration

register = template.Library()


@register.filter
def duration(minutes):
    """120 → '2 h', 90 → '1 h 30'."""
    return format_duration(minutes)


@register.filter
def mark_letter(attendance):
    """The one-letter code of a mark in the dashboard matrix (P, R, A, E); '·' when none."""
    if attendance is None:
        return "·"
    return {"present": "P", "late": "R", "absent": "A", "excused": "E"}[attendance.mark]
