"""Durations written the French way."""

import pytest

from core.durations import format_clock, format_duration


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(120, "2 h"), (90, "1 h 30"), (65, "1 h 05"), (45, "45 min"), (0, "0 min"), (None, "0 min")],
)
def test_durations(minutes, text):
    assert format_duration(minutes) == text


@pytest.mark.parametrize(("minutes", "text"), [(0, "0 h 00"), (65, "1 h 05"), (150, "2 h 30")])
def test_clock_readings(minutes, text):
    assert format_clock(minutes) == text
