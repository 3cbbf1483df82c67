"""Reads of equipment: one device, donor, erasure or hand-over (404 alike for missing and
forbidden), the stock, the queue at each step, what was handed over.

The workshop's reads go through `visible_to(actor)` and keep only the structures where the
actor works in the workshop (coordinator or technician): a trainer of one structure who
is a technician in another sees the second one's stock only. Hand-overs are read by the
trainers who make them too. Each list is a fixed number of queries, whatever the number of
devices (aggregates, not loops).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Min, OuterRef, Q
from django.utils import timezone

from accounts.models import Organisation
from accounts.scoping import WORKSHOP_ROLES, organisation_ids_for, scoped_get

from .models import Device, Donor, ErasureRecord, Handover

S = Device.Status
# Steps where a device waits for someone in the workshop (or for its hand-over).
WAITING_STEPS = (S.RECEIVED, S.IDENTIFIED, S.ERASED, S.REPAIRED, S.READY, S.RESERVED, S.RETURNED)


def workshop_organisation_ids(actor):
    """The structures whose workshop `actor` works in, as a subquery."""
    if actor.is_superuser:
        return Organisation.objects.values("pk")
    return organisation_ids_for(actor, WORKSHOP_ROLES)


def workshop_organisations(actor):
    return Organisation.objects.filter(pk__in=workshop_organisation_ids(actor)).order_by("name")


def _of_workshops(queryset, actor, field="organisation_id"):
    """The rows of the structures whose workshop `actor` works in; read them through
    `visible_to` (or `scoped_get`, which does)."""
    return queryset.filter(**{f"{field}__in": workshop_organisation_ids(actor)})


def _in_workshop(queryset, actor, field="organisation_id"):
    return _of_workshops(queryset.visible_to(actor), actor, field)


def workshop_devices(*, actor):
    return _in_workshop(Device.objects, actor)


def workshop_donors(*, actor):
    return _in_workshop(Donor.objects, actor)


def workshop_erasures(*, actor):
    return _in_workshop(ErasureRecord.objects, actor, "device__organisation_id")


def workshop_handovers(*, actor):
    return _in_workshop(Handover.objects, actor, "device__organisation_id")


def device_get(*, actor, code, for_update=False):
    """A device of the actor's workshops by its inventory code, the id on its label (typed
    in lower case or with spaces around, it is found all the same)."""
    devices = _of_workshops(Device.objects, actor).select_related(
        "donor", "organisation", "reserved_for__learner", "reserved_for__cohort"
    )
    code = (code or "").strip().upper()
    return scoped_get(devices, actor=actor, inventory_code=code, for_update=for_update)


def donor_get(*, actor, donor_id, for_update=False):
    """A donor of the actor's workshops."""
    donors = _of_workshops(Donor.objects, actor).select_related("organisation")
    return scoped_get(donors, actor=actor, pk=donor_id, for_update=for_update)


def erasure_get(*, actor, erasure_id, for_update=False):
    """An erasure record of a device of the actor's workshops."""
    erasures = _of_workshops(ErasureRecord.objects, actor, "device__organisation_id")
    erasures = erasures.select_related("device")
    return scoped_get(erasures, actor=actor, pk=erasure_id, for_update=for_update)


def handover_get(*, actor, handover_id, for_update=False):
    """A hand-over of a device of the actor's structures, workshop or trainers."""
    handovers = Handover.objects.select_related(
        "device", "enrolment__learner", "enrolment__cohort__organisation"
    )
    return scoped_get(handovers, actor=actor, pk=handover_id, for_update=for_update)


@dataclass
class StockTable:
    """Counts of devices by step (rows) and kind (columns)."""

    kinds: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # (status, [(kind, count)], total)
    totals: list = field(default_factory=list)
    total: int = 0


def stock_by_status_and_kind(*, actor):
    counts = {
        (row["status"], row["kind"]): row["n"]
        for row in workshop_devices(actor=actor)
        .order_by()
        .values("status", "kind")
        .annotate(n=Count("pk"))
    }
    table = StockTable()
    if not counts:
        return table
    table.kinds = [kind for kind in Device.Kind if any(k == kind for _s, k in counts)]
    for status in S:
        cells = [(kind, counts.get((status.value, kind.value), 0)) for kind in table.kinds]
        if any(n for _k, n in cells):
            table.rows.append((status, cells, sum(n for _k, n in cells)))
    table.totals = [
        (kind, sum(n for (_s, k), n in counts.items() if k == kind.value)) for kind in table.kinds
    ]
    table.total = sum(counts.values())
    return table


def waiting_by_step(*, actor):
    """Per step of the chain: how many devices wait there and since when the oldest."""
    rows = {
        row["status"]: row
        for row in workshop_devices(actor=actor)
        .filter(status__in=WAITING_STEPS)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"), oldest=Min("status_changed_at"))
    }
    now = timezone.now()
    return [
        {
            "status": status,
            "count": rows[status]["n"],
            "oldest": rows[status]["oldest"],
            "days": (now - rows[status]["oldest"]).days,
        }
        for status in WAITING_STEPS
        if status in rows
    ]


def longest_waiting(*, actor, limit=15):
    """The devices that have waited longest at their step, oldest first."""
    now = timezone.now()
    devices = list(
        workshop_devices(actor=actor)
        .filter(status__in=WAITING_STEPS)
        .order_by("status_changed_at", "pk")[:limit]
    )
    for device in devices:
        device.days_waiting = (now - device.status_changed_at).days
    return devices


@dataclass
class DistributionTable:
    formulas: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # (programme name or None, [count per formula], total)
    total: int = 0


def handovers_by_programme_and_formula(*, actor):
    """Devices handed over, counted by the programme of the learner's cohort and formula."""
    counts = {}
    names = {}
    for row in (
        workshop_handovers(actor=actor)
        .order_by()
        .values("enrolment__cohort__programme", "enrolment__cohort__programme__name", "formula")
        .annotate(n=Count("pk"))
    ):
        programme = row["enrolment__cohort__programme"]
        names[programme] = row["enrolment__cohort__programme__name"]
        counts[(programme, row["formula"])] = row["n"]
    table = DistributionTable(formulas=list(Handover.Formula))
    for programme in sorted(names, key=lambda pk: (pk is None, names[pk] or "")):
        cells = [counts.get((programme, formula.value), 0) for formula in table.formulas]
        table.rows.append((names[programme], cells, sum(cells)))
    table.total = sum(counts.values())
    return table


def donors_with_counts(*, actor):
    return (
        workshop_donors(actor=actor)
        .select_related("organisation")
        .annotate(
            device_count=Count("devices", distinct=True),
            erased_count=Count(
                "devices",
                filter=Q(devices__erasures__result=ErasureRecord.Result.SUCCESS),
                distinct=True,
            ),
        )
        .order_by("name", "pk")
    )


def last_erasure(device):
    """The erasure to show for a device: its latest successful one, else its latest.
    Reads `device.erasures.all()`, so prefetch it."""
    erasures = list(device.erasures.all())  # newest first (the model's ordering)
    return next((e for e in erasures if e.result == ErasureRecord.Result.SUCCESS), None) or (
        erasures[0] if erasures else None
    )


def donor_devices(*, donor):
    """The donor's devices with their erasures; the caller has checked access."""
    devices = list(donor.devices.order_by("inventory_code").prefetch_related("erasures"))
    for device in devices:
        device.erasure = last_erasure(device)
    return devices


def current_handovers(*, enrolment_ids):
    """For each enrolment, the device the learner holds (or bought), else the last one
    handed over; enrolments without a hand-over are left out. One query, devices joined."""
    by_enrolment = {}
    for handover in Handover.objects.filter(enrolment_id__in=enrolment_ids).select_related(
        "device"
    ):
        by_enrolment.setdefault(handover.enrolment_id, []).append(handover)
    return {
        enrolment_id: next((h for h in handovers if h.status != Handover.Status.RETURNED), None)
        or handovers[0]
        for enrolment_id, handovers in by_enrolment.items()
    }


def enrolment_handovers():
    """The hand-overs of the enrolment of an outer query (`OuterRef("pk")`), for a page that
    asks cohorts whether each enrolment led to a device (the CPE's families)."""
    return Handover.objects.filter(enrolment_id=OuterRef("pk"))
