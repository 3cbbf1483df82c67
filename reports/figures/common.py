"""What the sections of the figures share: the marks and meetings that count, rounding,
shares, and two ways of reading that keep the number of queries fixed (a correlated count;
raw rows for the few reads of hundreds of thousands of rows)."""

import datetime

from django.db import connections
from django.db.models import F, Func, IntegerField, Subquery
from django.db.models.functions import Coalesce

from cohorts.models import Attendance, Meeting

PRESENT = [Attendance.Mark.PRESENT, Attendance.Mark.LATE]
HELD = Meeting.Status.HELD
CANCELLED = Meeting.Status.CANCELLED
ONE_DAY = datetime.timedelta(days=1)


def to_hours(minutes):
    return round((minutes or 0) / 60, 2)


def percent(part, whole):
    return round(100 * part / whole, 1) if whole else None


def share(count, whole):
    return {"count": count, "percent": percent(count, whole)}


def correlated_count(queryset):
    """A correlated COUNT over `queryset`: SELECT COUNT(*) … WHERE …, one value per outer row
    (a non-aggregate Func, so Django adds no GROUP BY)."""
    counted = queryset.order_by().annotate(
        _n=Func(F("pk"), function="COUNT", output_field=IntegerField())
    )
    return Coalesce(Subquery(counted.values("_n")), 0)


def tuples(queryset):
    """The rows of a values() queryset as plain tuples, in the order of its columns, straight
    from the database cursor: for the few reads that bring back hundreds of thousands of
    rows, where Django's per-row conversions cost more than the query (completion at a
    network's size). Only for integer and text columns, which need no conversion."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
