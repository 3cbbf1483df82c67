"""Funder figures: what a programme, a funder, a structure or a network delivered in a period.

One module per section of the glossary (people, places, completion, hours, devices,
satisfaction, diagnostics, referrals); this one puts them together, side by side on
PostgreSQL, and month by month. Every figure is aggregated by the database: a fixed number
of queries whatever the number of learners, meetings or devices. Each figure's definition is
in `reports.glossary`, under the same key. The functions return raw counts; suppressing
small counts before a funder sees them is the caller's job (`reports.presentation`), and so
is checking that the person asking may read the scope.
"""

import datetime
import queue
import threading
from contextlib import contextmanager

from django.conf import settings
from django.db import connections, transaction
from django.db.models import Count, DateField, Sum
from django.db.models.functions import TruncMonth

from cohorts.models import Attendance, Meeting
from cohorts.selectors import attended_minutes

from .common import HELD, to_hours
from .completion import completion
from .devices import devices, period_handovers
from .diagnostics import diagnostics
from .hours import hours
from .people import attendances, help_visits, helped_learners, helped_q, people
from .places import places
from .referrals import referrals
from .satisfaction import satisfaction
from .scope import Scope, local_tz


@contextmanager
def report_memory():
    """A transaction in which PostgreSQL may give each sort and grouping
    settings.REPORTS_WORK_MEM: a network's figures group millions of marks."""
    connection = connections[Attendance.objects.db]
    if connection.vendor != "postgresql" or not settings.REPORTS_WORK_MEM:
        yield
        return
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('work_mem', %s, true)", [settings.REPORTS_WORK_MEM])
        yield


def _satisfaction_section(scope):
    return {"satisfaction": satisfaction(scope)}


# The parts of figures(), in the order of the glossary.
SECTIONS = (
    people,
    places,
    completion,
    hours,
    devices,
    _satisfaction_section,
    diagnostics,
    referrals,
)
# The longest first, when they run side by side (completion and diagnostics take most of a
# network's time).
_LONGEST_FIRST = (completion, diagnostics, people, hours, places, devices, referrals)


def figures(scope):
    """Every figure of the glossary for the scope: a plain dict, keyed as the glossary.

    On PostgreSQL, outside a transaction, the parts of a funder's, a structure's or a
    network's report run side by side on settings.REPORTS_CONNECTIONS connections of their
    own: at national size a network's yearly report took 5.6 s one part after the other and
    takes 3.4 s so, on two cores (a funder's 0.6 s → 0.35 s). Inside a transaction (a
    test's, or a caller's that wrote something the parts must see) they run one after the
    other on the caller's connection."""
    connection = connections[Attendance.objects.db]
    side_by_side = (
        connection.vendor == "postgresql"
        and not connection.in_atomic_block
        and settings.REPORTS_CONNECTIONS > 1
        and scope.programme is None  # one programme's parts take 35 ms: not worth a thread
    )
    if not side_by_side:
        with report_memory():
            parts = {section: section(scope) for section in SECTIONS}
    else:
        parts = _side_by_side(scope, settings.REPORTS_CONNECTIONS)
    result = {}
    for section in SECTIONS:
        result.update(parts[section])
    return result


def _side_by_side(scope, count):
    """The parts of figures() shared among `count` threads, the longest first. Each thread
    has a database connection of its own (Django's are per thread), opened once and closed
    when its thread is done, so that no connection outlives the report."""
    pending = queue.SimpleQueue()
    for section in _LONGEST_FIRST + tuple(s for s in SECTIONS if s not in _LONGEST_FIRST):
        pending.put(section)
    parts, failures = {}, []

    def work():
        try:
            while not failures:
                try:
                    section = pending.get_nowait()
                except queue.Empty:
                    return
                with report_memory():
                    parts[section] = section(scope)
        except Exception as error:  # raised again in the caller's thread below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, name=f"report-{n}") for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    return parts


def _months(scope):
    """(first day of the month, first day, last day) of each month, clipped to the period."""
    months = []
    day = scope.starts_on.replace(day=1)
    while day <= scope.ends_on:
        following = (day + datetime.timedelta(days=32)).replace(day=1)
        months.append(
            (
                day,
                max(day, scope.starts_on),
                min(following - datetime.timedelta(days=1), scope.ends_on),
            )
        )
        day = following
    return months


def monthly(scope):
    """The main figures month by month (months clipped to the period): people helped,
    learner-hours, group hours, individual-help hours, devices distributed. Five queries,
    whatever the data; the people query grows with the number of months, not the data."""
    with report_memory():
        return _monthly(scope)


def _monthly(scope):
    months = _months(scope)
    tz = local_tz()

    def by_month(queryset, field, value, date_field=False):
        month = (
            TruncMonth(field, output_field=DateField())
            if date_field
            else TruncMonth(field, tzinfo=tz, output_field=DateField())
        )
        rows = queryset.order_by().annotate(month=month).values("month").annotate(value=value)
        return {row["month"]: row["value"] or 0 for row in rows}

    people_by_month = helped_learners(scope).aggregate(
        **{
            f"m{index}": Count("pk", filter=helped_q(scope, first, last))
            for index, (_month, first, last) in enumerate(months)
        }
    )
    group = by_month(
        Meeting.objects.filter(scope.q("cohort"), scope.datetime_range("starts_at"), status=HELD),
        "starts_at",
        Sum("duration_minutes"),
    )
    learners = by_month(attendances(scope), "meeting__starts_at", Sum(attended_minutes()))
    visits = by_month(help_visits(scope), "date", Sum("duration_minutes"), date_field=True)
    handed = by_month(period_handovers(scope), "handed_over_at", Count("pk"))
    return [
        {
            "month": month,
            "people_helped": people_by_month[f"m{index}"],
            "learner_hours": to_hours(learners.get(month)),
            "group_hours": to_hours(group.get(month)),
            "individual_help_hours": to_hours(visits.get(month)),
            "devices_distributed": handed.get(month, 0),
        }
        for index, (month, _first, _last) in enumerate(months)
    ]


__all__ = [
    "Scope",
    "completion",
    "devices",
    "diagnostics",
    "figures",
    "hours",
    "monthly",
    "people",
    "places",
    "referrals",
    "report_memory",
    "satisfaction",
]
