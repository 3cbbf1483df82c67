"""The funder reports' selectors against one hand-written SQL query computing the same figures.

For a programme, a funder and the whole network over last year: the time and the number of
queries of `figures()` (every figure of the glossary) and `monthly()`; then, for the figures
that one SQL statement can compute (people helped and their shares, hours, enrolments,
completion, devices), the selectors that compute them against that statement: the values must
be equal, and the ratio of their times is reported.
"""

import statistics
import sys
import time

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from accounts.models import Organisation
from reports.figures import (
    Scope,
    completion,
    devices,
    figures,
    hours,
    monthly,
    people,
    places,
    report_memory,
)

HAND_WRITTEN = """
WITH scoped_cohorts AS (
    SELECT c.id, t.completion_rule, t.completion_min_percent
    FROM cohorts_cohort c JOIN courses_trackpage t ON t.page_ptr_id = c.track_id
    WHERE {cohort_where}
),
marks AS (
    SELECT a.learner_id, m.cohort_id, m.starts_at, m.status, sp.mandatory,
           COALESCE(a.minutes, CASE WHEN a.mark <> 'late' THEN m.duration_minutes
                                    WHEN a.late_minutes < m.duration_minutes
                                    THEN m.duration_minutes - a.late_minutes
                                    ELSE 0 END) AS minutes
    FROM cohorts_attendance a
    JOIN cohorts_meeting m ON m.id = a.meeting_id
    LEFT JOIN courses_sessionplanpage sp ON sp.page_ptr_id = m.session_plan_id
    WHERE a.mark IN ('present', 'late') AND m.status <> 'cancelled'
      AND m.cohort_id IN (SELECT id FROM scoped_cohorts)
),
period_marks AS (
    SELECT * FROM marks WHERE status = 'held' AND starts_at >= %s AND starts_at < %s
),
visits AS (
    SELECT hv.learner_id, hv.duration_minutes FROM cohorts_helpvisit hv
    WHERE {visit_where} AND hv.date >= %s AND hv.date <= %s
),
helped AS (
    SELECT l.created_at, l.lives_in_qpv, l.receives_rsa, l.is_job_seeker
    FROM cohorts_learner l
    WHERE l.id IN (SELECT learner_id FROM period_marks)
       OR l.id IN (SELECT learner_id FROM visits WHERE learner_id IS NOT NULL)
),
ended AS (
    SELECT m.cohort_id,
           COUNT(*) AS planned,
           SUM(m.duration_minutes) AS planned_minutes,
           SUM(CASE WHEN sp.mandatory THEN 1 ELSE 0 END) AS mandatory
    FROM cohorts_meeting m
    LEFT JOIN courses_sessionplanpage sp ON sp.page_ptr_id = m.session_plan_id
    WHERE m.cohort_id IN (SELECT id FROM scoped_cohorts) AND m.status <> 'cancelled'
    GROUP BY m.cohort_id
    HAVING MAX(m.starts_at) >= %s AND MAX(m.starts_at) < %s
),
attended AS (
    SELECT learner_id, cohort_id, COUNT(*) AS n, SUM(minutes) AS minutes,
           SUM(CASE WHEN mandatory THEN 1 ELSE 0 END) AS mandatory
    FROM marks WHERE cohort_id IN (SELECT cohort_id FROM ended)
    GROUP BY learner_id, cohort_id
),
completion AS (
    SELECT COUNT(*) AS total,
           SUM(CASE WHEN e.status <> 'dropped' AND (
                   (s.completion_rule = 'all_sessions'
                    AND d.planned > 0 AND COALESCE(a.n, 0) = d.planned)
                OR (s.completion_rule = 'mandatory_sessions'
                    AND d.mandatory > 0 AND COALESCE(a.mandatory, 0) = d.mandatory)
                OR (s.completion_rule = 'attendance_share' AND d.planned_minutes > 0
                    AND 100 * COALESCE(a.minutes, 0)
                        >= s.completion_min_percent * d.planned_minutes)
               ) THEN 1 ELSE 0 END) AS completed
    FROM cohorts_enrolment e
    JOIN ended d ON d.cohort_id = e.cohort_id
    JOIN scoped_cohorts s ON s.id = e.cohort_id
    LEFT JOIN attended a ON a.cohort_id = e.cohort_id AND a.learner_id = e.learner_id
    WHERE s.completion_rule <> 'none'
)
SELECT
    (SELECT COUNT(*) FROM helped),
    (SELECT COUNT(*) FROM helped WHERE created_at >= %s AND created_at < %s),
    (SELECT COUNT(*) FROM helped WHERE lives_in_qpv),
    (SELECT COUNT(*) FROM helped WHERE receives_rsa),
    (SELECT COUNT(*) FROM helped WHERE is_job_seeker),
    (SELECT SUM(m.duration_minutes) FROM cohorts_meeting m
     WHERE m.cohort_id IN (SELECT id FROM scoped_cohorts) AND m.status = 'held'
       AND m.starts_at >= %s AND m.starts_at < %s),
    (SELECT SUM(minutes) FROM period_marks),
    (SELECT SUM(duration_minutes) FROM visits),
    (SELECT COUNT(*) FROM cohorts_enrolment e
     WHERE e.cohort_id IN (SELECT id FROM scoped_cohorts)
       AND e.enrolled_at >= %s AND e.enrolled_at < %s),
    (SELECT total FROM completion),
    (SELECT completed FROM completion),
    (SELECT COUNT(*) FROM equipment_handover h
     JOIN cohorts_enrolment e ON e.id = h.enrolment_id
     WHERE e.cohort_id IN (SELECT id FROM scoped_cohorts)
       AND h.handed_over_at >= %s AND h.handed_over_at < %s)
"""
KEYS = [
    "people_helped",
    "new_people",
    "qpv",
    "rsa",
    "job_seekers",
    "group_hours",
    "learner_hours",
    "individual_help_hours",
    "enrolments",
    "enrolments_in_ended_tracks",
    "tracks_completed",
    "devices_distributed",
]


def hand_written(scope):
    """The figures of KEYS in one statement, for a programme or a network scope."""
    if scope.programme is not None:
        cohort_where, visit_where = (
            "c.programme_id = %s",
            ("hv.cohort_id IN (SELECT id FROM cohorts_cohort WHERE programme_id = %s)"),
        )
        subject = scope.programme.pk
    else:
        members = "(SELECT id FROM accounts_organisation WHERE id = %s OR network_id = %s)"
        cohort_where = f"c.organisation_id IN {members}"
        visit_where = f"hv.organisation_id IN {members}"
        subject = scope.network.pk
    subjects = [subject] if scope.programme is not None else [subject, subject]
    adapt = connection.ops.adapt_datetimefield_value
    start, end = adapt(scope.starts_at), adapt(scope.ends_before)
    days = [connection.ops.adapt_datefield_value(d) for d in (scope.starts_on, scope.ends_on)]
    params = subjects + [start, end] + subjects + days + [start, end] + [start, end] * 4
    sql = HAND_WRITTEN.format(cohort_where=cohort_where, visit_where=visit_where)
    with report_memory(), connection.cursor() as cursor:  # the same memory as the selectors
        cursor.execute(sql, params)
        row = cursor.fetchone()
    values = dict(zip(KEYS, row, strict=True))
    for key in ("group_hours", "learner_hours", "individual_help_hours"):
        values[key] = round((values[key] or 0) / 60, 2)
    return {key: value or 0 for key, value in values.items()}


def from_selectors(scope):
    with report_memory():
        figures_ = {**people(scope), **hours(scope), **places(scope), **completion(scope)}
        figures_.update(devices(scope))
    for key in ("qpv", "rsa", "job_seekers"):
        figures_[key] = figures_[key]["count"]
    return {key: figures_[key] for key in KEYS}


def _timed(call, repeat):
    times = []
    for _time in range(repeat):
        start = time.perf_counter()
        value = call()
        times.append(time.perf_counter() - start)
    # Counted inside a transaction, where figures() runs its parts one after the other on
    # this connection (outside one, on PostgreSQL, they run on connections of their own);
    # the savepoint and the work_mem setting around them are not the report's queries.
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        call()
    overhead = ("SAVEPOINT", "RELEASE SAVEPOINT", "SELECT set_config(")
    return value, {
        "median_ms": round(statistics.median(times) * 1000, 1),
        "max_ms": round(max(times) * 1000, 1),
        "queries": sum(1 for query in queries if not query["sql"].startswith(overhead)),
    }


def run(chosen, generator, repeat=5):
    starts_on, ends_on = chosen["period"]
    network = Organisation.objects.get(slug=f"{generator.prefix}-reseau")
    scopes = {
        "programme_year": Scope(starts_on, ends_on, programme=chosen["programme"]),
        "funder_year": Scope(starts_on, ends_on, funder=chosen["programme"].funder),
        "network_year": Scope(starts_on, ends_on, network=network),
    }
    result = {}
    for name, scope in scopes.items():
        count = 1 if name == "network_year" else repeat
        _value, full = _timed(lambda scope=scope: figures(scope), count)
        result[name] = {"figures": full}
        if name != "network_year":  # no page shows a network month by month
            _value, result[name]["monthly"] = _timed(lambda scope=scope: monthly(scope), count)
        print(f"  {name}: {result[name]}", file=sys.stderr)
        if scope.funder is not None:
            continue
        ours, ours_time = _timed(lambda scope=scope: from_selectors(scope), count)
        theirs, sql_time = _timed(lambda scope=scope: hand_written(scope), count)
        result[name]["same_figures"] = {
            "selectors": ours_time,
            "one_sql_query": sql_time,
            "ratio_selectors_over_sql": round(
                ours_time["median_ms"] / max(sql_time["median_ms"], 0.1), 2
            ),
            "equal": ours == theirs,
            "values": ours if ours == theirs else {"selectors": ours, "sql": theirs},
        }
        print(f"    same figures: {result[name]['same_figures']}", file=sys.stderr)
    result["period"] = f"{starts_on} → {ends_on}"
    return result
