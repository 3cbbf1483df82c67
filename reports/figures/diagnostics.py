"""Diagnostic progress: for the people helped, their first initial diagnostic against their
last final one of the period (levels moved up, mean gain per domain)."""

import math

from django.db.models import Case, F, FloatField, Func, Q, Value, When
from django.db.models.lookups import Exact

from courses.models import Competence
from diagnostics.models import LEVEL_ORDER, Assessment

from .common import tuples
from .people import helped_exists_q, helped_learners


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
    return tuples(
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
        helped = helped_exists_q(scope, "learner_user_id", learner="learner__user_id")
    else:
        # A programme, a funder or a structure helped few people among the finals of the
        # whole database: gather them, rather than test every final (0.25 s at that size).
        helped = Q(
            learner_user_id__in=helped_learners(scope).filter(user__isnull=False).values("user_id")
        )
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
