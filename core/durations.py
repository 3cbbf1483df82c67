"""Durations written the French way ("1 h 30", "45 min"), the same on every page and
document that shows hours of training."""


def format_duration(minutes):
    """120 → '2 h', 90 → '1 h 30', 45 → '45 min'."""
    hours, rest = divmod(int(minutes or 0), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def format_clock(minutes):
    """Minutes since the start of a session as a clock reading: 65 → '1 h 05', 0 → '0 h 00'."""
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}"
