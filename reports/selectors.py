"""Funder figures: what a programme, a funder, a structure or a network delivered in a period.

Every figure is aggregated by the database: a fixed number of queries whatever the number of
learners, meetings or devices. Each figure's definition is in `reports.glossary`, under the
same key. The functions return raw counts; suppressing small counts before a funder sees them
is the caller's job, and so is checking that the person asking may read the scope.
"""

import datetime
import math
import queue
import threading
import zoneinfo
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.db import connections, transaction
from django.db.models import (
    Case,
    Count,
    DateField,
    DecimalField,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.db.models.lookups import Exact

from accounts.models import Organisation
from cohorts.models import (
    Attendance,
    Cohort,
    Enrolment,
    HelpVisit,
    Learner,
    Meeting,
    Programme,
    Referral,
)
from cohorts.selectors import attended_minutes, completion_rule_met
from courses.models import Competence, TrackPage
from diagnostics.models import LEVEL_ORDER, Assessment
from equipment.models import Device, FundingShare, Handover

from .glossary import AGE_BANDS

PRESENT = [Attendance.Mark.PRESENT, Attendance.Mark.LATE]
HELD = Meeting.Status.HELD
CANCELLED = Meeting.Status.CANCELLED
Rule = TrackPage.CompletionRule
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Scope:
    """A period (first and last day included) and exactly one of: a programme, a funder
    (all the programmes it funds), a structure, or a network (the structures whose network it
    is, and the network itself)."""

    starts_on: datetime.date
    ends_on: datetime.date
    programme: Programme | None = None
    funder: Organisation | None = None
    organisation: Organisation | None = None
    network: Organisation | None = None

    def __post_init__(self):
        chosen = [self.programme, self.funder, self.organisation, self.network]
        if sum(subject is not None for subject in chosen) != 1:
            raise ValueError("A scope takes exactly one programme, funder, structure or network.")
        if self.starts_on > self.ends_on:
            raise ValueError("A scope's period starts before it ends.")

    # The period as aware datetimes in France: [starts_at, ends_before).
    @property
    def starts_at(self):
        return _local_midnight(self.starts_on)

    @property
    def ends_before(self):
        return _local_midnight(self.ends_on + datetime.timedelta(days=1))

    def q(self, cohort="cohort", organisation=None):
        """The condition for rows reached through `cohort` (a path to a Cohort, "" for a
        cohort itself) or, for a structure or a network, through `organisation`."""
        if organisation is None:
            organisation = _path(cohort, "organisation")
        if self.programme is not None:
            return Q(**{_path(cohort, "programme"): self.programme})
        if self.funder is not None:
            return Q(**{_path(cohort, "programme__funder"): self.funder})
        if self.organisation is not None:
            return Q(**{organisation: self.organisation})
        # IN (the network's structures), not "structure = network OR structure's network =
        # network": PostgreSQL joins a small list, where the OR filtered millions of joined rows.
        members = Organisation.objects.filter(Q(pk=self.network.pk) | Q(network=self.network))
        return Q(**{f"{organisation}__in": members.values("pk")})

    def datetime_range(self, field):
        return Q(**{f"{field}__gte": self.starts_at, f"{field}__lt": self.ends_before})


def _path(prefix, field):
    return f"{prefix}__{field}" if prefix else field


def _local_midnight(day):
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=_tz())


def _tz():
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


# Small helpers ---------------------------------------------------------------------------


def _hours(minutes):
    return round((minutes or 0) / 60, 2)


def _percent(part, whole):
    return round(100 * part / whole, 1) if whole else None


def _share(count, whole):
    return {"count": count, "percent": _percent(count, whole)}


def _count(queryset):
    """A correlated COUNT over `queryset`: SELECT COUNT(*) … WHERE …, one value per outer row
    (a non-aggregate Func, so Django adds no GROUP BY)."""
    counted = queryset.order_by().annotate(
        _n=Func(F("pk"), function="COUNT", output_field=IntegerField())
    )
    return Coalesce(Subquery(counted.values("_n")), 0)


def _sum(queryset, expression):
    summed = queryset.order_by().annotate(
        _n=Func(expression, function="SUM", output_field=IntegerField())
    )
    return Coalesce(Subquery(summed.values("_n")), 0)


def _tuples(queryset):
    """The rows of a values() queryset as plain tuples, in the order of its columns, straight
    from the database cursor: for the few reads that bring back hundreds of thousands of
    rows, where Django's per-row conversions cost more than the query (completion at a
    network's size). Only for integer and text columns, which need no conversion."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# Who was helped ----------------------------------------------------------------------------


def _attendances(scope, first=None, last=None):
    """Present or late marks at meetings held in the period (or from `first` to `last`)."""
    return Attendance.objects.filter(
        scope.q("meeting__cohort"),
        mark__in=PRESENT,
        meeting__status=HELD,
        meeting__starts_at__gte=_local_midnight(first or scope.starts_on),
        meeting__starts_at__lt=_local_midnight((last or scope.ends_on) + ONE_DAY),
    )


def _help_visits(scope, first=None, last=None):
    """Individual-help visits of the period (or from `first` to `last`): for a programme or
    a funder, those tied to one of its cohorts; for a structure, all of its own."""
    return HelpVisit.objects.filter(
        scope.q("cohort", organisation="organisation"),
        date__gte=first or scope.starts_on,
        date__lte=last or scope.ends_on,
    )


def _helped_q(scope, first=None, last=None):
    """The condition on Learner for "helped": a present mark or an individual-help visit.

    One IN (… UNION …), not two INs joined by OR: at a network's size the OR made PostgreSQL
    scan the marks again for every learner (an hour at 200,000 learners), the union is one
    semi-join."""
    marks = _attendances(scope, first, last).order_by().values("learner_id")
    visits = _help_visits(scope, first, last).filter(learner__isnull=False)
    return Q(pk__in=marks.union(visits.order_by().values("learner_id")))


def _helped(scope):
    return Learner.objects.filter(_helped_q(scope))


def _helped_exists_q(scope, ref, learner="learner_id"):
    """Whether "helped", tested row by row, for a learner id (or, with `learner`, another field
    of the learner) at `ref`: an index probe per row, for rows that are few, such as referrals
    or the final diagnostics of a period, where an IN over every helped person costs a scan of
    the period's marks."""
    marks = _attendances(scope).filter(**{learner: OuterRef(ref)})
    visits = _help_visits(scope).filter(**{learner: OuterRef(ref)})
    return Q(Exists(marks)) | Q(Exists(visits))


def _age_band_q(end_year):
    """birth_year conditions for each band, the age being end_year - birth_year."""

    def born(oldest, youngest):  # ages from youngest to oldest, included
        return Q(birth_year__gte=end_year - oldest, birth_year__lte=end_year - youngest)

    return {
        "under_12": Q(birth_year__gt=end_year - 12),
        "12_18": born(17, 12),
        "18_24": born(24, 18),
        "25_39": born(39, 25),
        "40_59": born(59, 40),
        "60_69": born(69, 60),
        "70_plus": Q(birth_year__lte=end_year - 70),
        "unknown": Q(birth_year__isnull=True),
    }


def people(scope):
    """People helped, new people, and their shares: QPV, RSA, job seekers, age, gender.
    One query."""
    bands = _age_band_q(scope.ends_on.year)
    genders = {
        "F": Q(gender=Learner.Gender.FEMALE),
        "M": Q(gender=Learner.Gender.MALE),
        "unknown": ~Q(gender__in=[Learner.Gender.FEMALE, Learner.Gender.MALE]),
    }
    counts = _helped(scope).aggregate(
        people=Count("pk"),
        new=Count("pk", filter=scope.datetime_range("created_at")),
        qpv=Count("pk", filter=Q(lives_in_qpv=True)),
        rsa=Count("pk", filter=Q(receives_rsa=True)),
        job=Count("pk", filter=Q(is_job_seeker=True)),
        **{f"age_{key}": Count("pk", filter=q) for key, q in bands.items()},
        **{f"gender_{key}": Count("pk", filter=q) for key, q in genders.items()},
    )
    whole = counts["people"]
    return {
        "people_helped": whole,
        "new_people": counts["new"],
        "qpv": _share(counts["qpv"], whole),
        "rsa": _share(counts["rsa"], whole),
        "job_seekers": _share(counts["job"], whole),
        "age_bands": {key: _share(counts[f"age_{key}"], whole) for key, _label in AGE_BANDS},
        "genders": {key: _share(counts[f"gender_{key}"], whole) for key in genders},
    }


# Enrolments, completion, places -------------------------------------------------------------


def _ended_cohorts(scope):
    """Cohorts whose last meeting that is not cancelled falls in the period."""
    return (
        Cohort.objects.filter(scope.q(""))
        .annotate(last=Max("meetings__starts_at", filter=~Q(meetings__status=CANCELLED)))
        .filter(last__gte=scope.starts_at, last__lt=scope.ends_before)
        .values("pk")
    )


def completion(scope):
    """Enrolments in the tracks that ended in the period, and how many completed. Three
    grouped queries (the ended cohorts' meetings; the marks per person and cohort; the
    enrolments), the rule applied here by cohorts.selectors.completion_rule_met: correlated
    subqueries per enrolment took 10 s for a network of 200,000 learners."""
    ended = _ended_cohorts(scope)
    # The ended cohorts' meetings, grouped in the same pass that finds them (their last
    # meeting that is not cancelled is in the period), as _ended_cohorts does.
    planned = {
        row[0]: row[1:]
        for row in _tuples(
            Meeting.objects.filter(scope.q("cohort"))
            .exclude(status=CANCELLED)
            .order_by()
            .values(
                "cohort_id",
                "cohort__track__completion_rule",
                "cohort__track__completion_min_percent",
            )
            .annotate(
                n=Count("pk"),
                minutes=Sum("duration_minutes"),
                mandatory=Count("pk", filter=Q(session_plan__mandatory=True)),
            )
            .alias(last=Max("starts_at"))
            .filter(last__gte=scope.starts_at, last__lt=scope.ends_before)
        )
    }
    marks = {
        row[:2]: row[2:]  # (cohort, learner): (marks, minutes, mandatory marks)
        for row in _tuples(
            Attendance.objects.filter(meeting__cohort_id__in=ended, mark__in=PRESENT)
            .exclude(meeting__status=CANCELLED)
            .order_by()
            .values("meeting__cohort_id", "learner_id")
            .annotate(
                n=Count("pk"),
                minutes=Sum(attended_minutes()),
                mandatory=Count("pk", filter=Q(meeting__session_plan__mandatory=True)),
            )
        )
    }
    nothing = (0, 0, 0)
    total = completed = 0
    enrolments = _tuples(
        Enrolment.objects.filter(cohort_id__in=ended)
        .exclude(cohort__track__completion_rule=Rule.NONE)
        .order_by()
        .values_list("cohort_id", "learner_id", "status")
    )
    dropped = Enrolment.Status.DROPPED
    for cohort_id, learner_id, status in enrolments:
        total += 1
        cohort = planned.get(cohort_id)
        if cohort is None or status == dropped:
            continue
        rule, threshold, planned_n, planned_minutes, mandatory = cohort
        attended, minutes, attended_mandatory = marks.get((cohort_id, learner_id), nothing)
        completed += completion_rule_met(
            rule,
            threshold,
            planned=planned_n,
            planned_minutes=planned_minutes or 0,
            mandatory=mandatory,
            attended=attended,
            attended_minutes=minutes or 0,
            attended_mandatory=attended_mandatory,
        )
    return {
        "enrolments_in_ended_tracks": total,
        "tracks_completed": completed,
        "completion_rate": _percent(completed, total),
    }


def _programmes(scope):
    """The programmes of the scope whose dates cross the period."""
    if scope.programme is not None:
        where = Q(pk=scope.programme.pk)
    elif scope.funder is not None:
        where = Q(funder=scope.funder)
    else:
        where = scope.q(organisation="organisation")
    return Programme.objects.filter(
        where, starts_on__lte=scope.ends_on, ends_on__gte=scope.starts_on
    )


def places(scope):
    """Enrolments made in the period; places open and taken in the cohorts that met; the
    programmes' targets. Three queries."""
    running = Meeting.objects.filter(scope.datetime_range("starts_at"), scope.q("cohort")).exclude(
        status=CANCELLED
    )
    taken = Enrolment.objects.filter(cohort=OuterRef("pk")).exclude(status=Enrolment.Status.DROPPED)
    cohorts = (
        Cohort.objects.filter(pk__in=running.values("cohort_id"))
        .annotate(taken_places=_count(taken))
        .aggregate(places=Sum("capacity"), taken=Sum("taken_places"))
    )
    enrolments = Enrolment.objects.filter(
        scope.q("cohort"), scope.datetime_range("enrolled_at")
    ).count()
    targets = _programmes(scope).aggregate(places=Sum("target_places"), hours=Sum("target_hours"))
    open_places, places_taken = cohorts["places"] or 0, cohorts["taken"] or 0
    return {
        "enrolments": enrolments,
        "places": open_places,
        "places_taken": places_taken,
        "fill_rate": _percent(places_taken, open_places),
        "target_places": targets["places"] or 0,
        "target_hours": targets["hours"] or 0,
    }


# Hours -------------------------------------------------------------------------------------


def hours(scope):
    """Group hours, learner-hours and individual-help hours. Three queries."""
    group = Meeting.objects.filter(
        scope.q("cohort"), scope.datetime_range("starts_at"), status=HELD
    ).aggregate(minutes=Sum("duration_minutes"))
    learners = _attendances(scope).aggregate(minutes=Sum(attended_minutes()))
    places_ = HelpVisit.Place
    visits = _help_visits(scope).aggregate(
        minutes=Sum("duration_minutes"),
        **{place: Sum("duration_minutes", filter=Q(place=place)) for place in places_.values},
    )
    return {
        "group_hours": _hours(group["minutes"]),
        "learner_hours": _hours(learners["minutes"]),
        "individual_help_hours": _hours(visits["minutes"]),
        "individual_help_hours_by_place": {
            place: _hours(visits[place]) for place in places_.values
        },
    }


# Devices -----------------------------------------------------------------------------------


def _handovers(scope):
    return Handover.objects.filter(
        scope.q("enrolment__cohort"), scope.datetime_range("handed_over_at")
    )


def devices(scope):
    """Hand-overs by formula and kind, their value, who paid. Three queries."""
    money = DecimalField(max_digits=12, decimal_places=2)
    handovers = _handovers(scope)
    totals = handovers.aggregate(
        count=Count("pk"),
        value=Sum(Coalesce("price", "device__price", Value(Decimal("0")), output_field=money)),
        learners=Sum("learner_share"),
    )
    by_formula = dict.fromkeys(Handover.Formula.values, 0)
    by_kind = dict.fromkeys(Device.Kind.values, 0)
    crossed = {formula: dict.fromkeys(Device.Kind.values, 0) for formula in by_formula}
    rows = handovers.order_by().values("formula", "device__kind").annotate(n=Count("pk"))
    for row in rows:  # at most formulas × kinds rows
        by_formula[row["formula"]] += row["n"]
        by_kind[row["device__kind"]] += row["n"]
        crossed[row["formula"]][row["device__kind"]] = row["n"]
    shares = (
        FundingShare.objects.filter(handover__in=handovers.values("pk"))
        .order_by("programme__funder__name")
        .values("programme__funder__name")
        .annotate(amount=Sum("amount"))
    )
    return {
        "devices_distributed": totals["count"],
        "devices_by_formula": by_formula,
        "devices_by_kind": by_kind,
        "devices_by_formula_and_kind": crossed,
        "devices_value": totals["value"] or Decimal("0.00"),
        "devices_paid_by_learners": totals["learners"] or Decimal("0.00"),
        "funder_shares": {row["programme__funder__name"]: row["amount"] for row in shares},
    }


# Satisfaction ------------------------------------------------------------------------------


def _satisfaction_model():
    """The end-of-track survey's model, read from the app registry so that reports does not
    depend on it being there; None until it is."""
    try:
        return apps.get_model("cohorts", "SatisfactionAnswer")
    except LookupError:
        return None


def satisfaction(scope):
    """The hook for the end-of-track satisfaction survey: None while the survey model does
    not exist; else the answers given in the period, counted per question. One query."""
    model = _satisfaction_model()
    if model is None:
        return None
    smiley = model.Smiley
    answers = {"yes": smiley.YES, "a_little": smiley.A_LITTLE, "no": smiley.NO}
    fields = [field for field, _question in model.QUESTIONS]
    counts = model.objects.filter(
        scope.q("enrolment__cohort"), scope.datetime_range("answered_at")
    ).aggregate(
        respondents=Count("pk"),
        **{
            f"{field}_{answer}": Count("pk", filter=Q(**{field: value}))
            for field in fields
            for answer, value in answers.items()
        },
    )
    whole = counts["respondents"]
    questions = {}
    for field in fields:
        questions[field] = {answer: counts[f"{field}_{answer}"] for answer in answers}
        questions[field]["percent_yes"] = _percent(questions[field]["yes"], whole)
    return {"respondents": whole, "questions": questions}


# Diagnostic progress -----------------------------------------------------------------------


class _DomainScore(Func):
    """One number of Assessment.domain_scores ({"<domain>": [score, max]}) as a float, NULL
    when the domain was not scored.

    Django's key transforms read digit keys such as the domain codes ("0", "1"…) as array
    indexes, so the JSON path is written here with the key quoted. SQLite and PostgreSQL,
    the two databases Tremplin runs on."""

    output_field = FloatField()

    def __init__(self, domain, index):
        self.domain, self.index = str(domain), int(index)
        super().__init__(F("domain_scores"))

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "postgresql":
            return (
                f"CAST((({sql}) -> CAST(%s AS text)) ->> {self.index} AS double precision)",
                (*params, self.domain),
            )
        return (
            f"CAST(JSON_EXTRACT({sql}, %s) AS REAL)",
            (*params, f'$."{self.domain}"[{self.index}]'),
        )


def _domain_percent(domain):
    """A domain's score in percent, read by the database (decoding the JSON of 70,000
    diagnostics in Python took a second): 0 when its maximum is 0, NULL when it was not
    scored, as diagnostics.selectors reads it."""
    maximum = _DomainScore(domain, 1)
    return Case(
        When(Exact(maximum, 0.0), then=Value(0.0)),
        default=100.0 * _DomainScore(domain, 0) / maximum,
        output_field=FloatField(),
    )


def _levels_and_percents(assessments, domains):
    """(learner_user_id, level, percent of each domain…) for each assessment."""
    percents = {f"_p{index}": _domain_percent(domain) for index, domain in enumerate(domains)}
    return _tuples(
        assessments.annotate(**percents).values_list("learner_user_id", "level", *percents)
    )


def diagnostics(scope):
    """For the people helped who have a completed initial diagnostic and a final one
    completed in the period, the first initial against the last final (as
    diagnostics.selectors.group_progress compares them): how many moved up a level, the mean
    gain per domain in percentage points.

    Two queries (the finals of the period of the people helped; the initials of the people
    with a final), paired here: fourteen correlated subqueries per person took 3 s for a
    network of 200,000 learners."""
    done = Assessment.objects.filter(status=Assessment.Status.COMPLETED).order_by()
    finals_in_period = done.filter(
        scope.datetime_range("completed_at"), phase=Assessment.Phase.FINAL
    )
    domains = Competence.Domain.values
    last_final = {}
    if scope.network is not None:
        # A network helped more people than it has finals in the period: test each final
        # (an index probe) rather than gather every person helped (1.2 s against 0.7 s at
        # national size).
        helped = _helped_exists_q(scope, "learner_user_id", learner="learner__user_id")
    else:
        # A programme, a funder or a structure helped few people among the finals of the
        # whole database: gather them, rather than test every final (0.25 s at that size).
        helped = Q(learner_user_id__in=_helped(scope).filter(user__isnull=False).values("user_id"))
    finals = finals_in_period.filter(helped).order_by("learner_user_id", "completed_at", "pk")
    for user_id, level, *percents in _levels_and_percents(finals, domains):
        last_final[user_id] = (level, percents)  # ascending: the last one stays
    first_initial = {}
    initials = done.filter(
        phase=Assessment.Phase.INITIAL,
        completed_at__lt=scope.ends_before,
        # The people of the finals above; for a network, nearly everyone with a final in the
        # period, without testing "helped" a second time.
        learner_user_id__in=(
            finals_in_period if scope.network is not None else finals_in_period.filter(helped)
        ).values("learner_user_id"),
    ).order_by("learner_user_id", "-completed_at", "-pk")
    for user_id, level, *percents in _levels_and_percents(initials, domains):
        if user_id in last_final:
            first_initial[user_id] = (level, percents)  # descending: the first one stays
    gains = [[] for _domain in domains]
    moved_up = 0
    for user_id, (before_level, before) in first_initial.items():
        after_level, after = last_final[user_id]
        moved_up += LEVEL_ORDER.get(after_level, -1) > LEVEL_ORDER.get(before_level, -1)
        for index, (was, now) in enumerate(zip(before, after, strict=True)):
            if was is not None and now is not None:
                gains[index].append(now - was)
    return {
        "diagnostic_people": len(first_initial),
        "diagnostic_moved_up": moved_up,
        "diagnostic_mean_gain_by_domain": {
            domain: round(math.fsum(values) / len(values), 1)
            for domain, values in zip(domains, gains, strict=True)
            if values
        },
    }


# Referrals ---------------------------------------------------------------------------------


def referrals(scope):
    """Referrals sent in the period, by kind of prescribing service and outcome. One query."""
    if scope.programme is not None or scope.funder is not None:
        # A referral is sent to a structure, not to a programme: it belongs to the
        # programme when the person it brought is enrolled in one of its cohorts.
        where = Q(learner_id__in=Enrolment.objects.filter(scope.q("cohort")).values("learner_id"))
    else:
        where = scope.q(organisation="organisation")
    rows = (
        Referral.objects.filter(where, scope.datetime_range("created_at"))
        .order_by()
        .values("prescriber_organisation__kind")
        .annotate(
            total=Count("pk"),
            **{status: Count("pk", filter=Q(status=status)) for status in Referral.Status.values},
            helped=Count("pk", filter=_helped_exists_q(scope, "learner_id")),
        )
    )
    by_kind = {}
    for row in rows:  # one row per kind of organisation, at most five
        kind = row.pop("prescriber_organisation__kind")
        by_kind[kind] = row
    return {"referrals_by_prescriber_kind": by_kind}


# Everything, and month by month ------------------------------------------------------------


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
    tz = _tz()

    def by_month(queryset, field, value, date_field=False):
        month = (
            TruncMonth(field, output_field=DateField())
            if date_field
            else TruncMonth(field, tzinfo=tz, output_field=DateField())
        )
        rows = queryset.order_by().annotate(month=month).values("month").annotate(value=value)
        return {row["month"]: row["value"] or 0 for row in rows}

    people_by_month = _helped(scope).aggregate(
        **{
            f"m{index}": Count("pk", filter=_helped_q(scope, first, last))
            for index, (_month, first, last) in enumerate(months)
        }
    )
    group = by_month(
        Meeting.objects.filter(scope.q("cohort"), scope.datetime_range("starts_at"), status=HELD),
        "starts_at",
        Sum("duration_minutes"),
    )
    learners = by_month(_attendances(scope), "meeting__starts_at", Sum(attended_minutes()))
    visits = by_month(_help_visits(scope), "date", Sum("duration_minutes"), date_field=True)
    handed = by_month(_handovers(scope), "handed_over_at", Count("pk"))
    return [
        {
            "month": month,
            "people_helped": people_by_month[f"m{index}"],
            "learner_hours": _hours(learners.get(month)),
            "group_hours": _hours(group.get(month)),
            "individual_help_hours": _hours(visits.get(month)),
            "devices_distributed": handed.get(month, 0),
        }
        for index, (month, _first, _last) in enumerate(months)
    ]


__all__ = [
    "Scope",
    "attended_minutes",
    "completion",
    "devices",
    "diagnostics",
    "figures",
    "hours",
    "monthly",
    "people",
    "places",
    "referrals",
    "satisfaction",
]
