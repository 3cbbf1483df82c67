"""Referrals sent in the period, by kind of prescribing service and outcome."""

from django.db.models import Count, Q

from cohorts.models import Enrolment, Referral

from .people import helped_exists_q


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
            helped=Count("pk", filter=helped_exists_q(scope, "learner_id")),
        )
    )
    by_kind = {}
    for row in rows:  # one row per kind of organisation, at most five
        kind = row.pop("prescriber_organisation__kind")
        by_kind[kind] = row
    return {"referrals_by_prescriber_kind": by_kind}
