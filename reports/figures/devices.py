"""Devices handed over in the period: by formula and kind, their value, what the learners
and each funder paid."""

from decimal import Decimal

from django.db.models import Count, DecimalField, Sum, Value
from django.db.models.functions import Coalesce

from equipment.models import Device, FundingShare, Handover


def period_handovers(scope):
    """The hand-overs of the period, to learners enrolled in a cohort of the scope."""
    return Handover.objects.filter(
        scope.q("enrolment__cohort"), scope.datetime_range("handed_over_at")
    )


def devices(scope):
    """Hand-overs by formula and kind, their value, who paid. Three queries."""
    money = DecimalField(max_digits=12, decimal_places=2)
    handovers = period_handovers(scope)
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
