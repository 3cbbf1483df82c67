"""Minutes attended: the Python rule (`Attendance.attended_minutes`) and its SQL twin
(`cohorts.selectors.attended_minutes`, summed by completions and the funder reports) agree."""

import pytest

from cohorts.models import Attendance
from cohorts.selectors import attended_minutes
from tests.cohorts.factories import make_cohort, make_learner

M = Attendance.Mark
# (mark, late minutes, minutes noted at closing, expected) at a 120-minute meeting.
CASES = [
    (M.PRESENT, 0, None, 120),
    (M.LATE, 20, None, 100),
    (M.LATE, 119, None, 1),
    (M.LATE, 120, None, 0),  # arrived at the end
    (M.LATE, 150, None, 0),  # past the end (the meeting was shortened after the mark)
    (M.PRESENT, 0, 0, 0),  # noted zero at closing
    (M.LATE, 30, 45, 45),  # the minutes noted win over the lateness
    (M.PRESENT, 0, 120, 120),
    (M.ABSENT, 0, None, 0),
    (M.EXCUSED, 0, None, 0),
    (M.ABSENT, 0, 60, 0),  # minutes noted on an absence count for nothing
]


@pytest.mark.django_db
def test_python_and_sql_agree_on_the_minutes_attended(organisation):
    cohort = make_cohort(organisation)
    meeting = cohort.meetings.get(number=1)
    assert meeting.duration_minutes == 120
    expected = {}
    for index, (mark, late, minutes, minutes_attended) in enumerate(CASES):
        learner = make_learner(organisation, f"Case{index:02d}")
        attendance = Attendance.objects.create(
            meeting=meeting, learner=learner, mark=mark, late_minutes=late, minutes=minutes
        )
        expected[attendance.pk] = minutes_attended
    rows = Attendance.objects.filter(meeting=meeting).annotate(sql=attended_minutes())
    found = {row.pk: (row.attended_minutes(), row.sql) for row in rows.select_related("meeting")}
    assert found == {pk: (value, value) for pk, value in expected.items()}
