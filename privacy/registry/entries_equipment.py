"""Registry entry for the devices handed over to a learner: the drawn signature goes; the
device, its formula and who paid stay (funders were told about them)."""

from equipment.models import Handover

from .base import exporter, register


def _handovers(learner):
    return Handover.objects.filter(enrolment__learner=learner).order_by("pk")


def _handovers_erase(learner, erasure):
    handovers = list(_handovers(learner).exclude(learner_signature=""))
    for handover in handovers:
        erasure.forget_file(handover.learner_signature)
    return Handover.objects.filter(pk__in=[h.pk for h in handovers]).update(learner_signature="")


register(
    Handover,
    export=exporter(
        _handovers,
        [
            "device",
            "formula",
            "status",
            "handed_over_at",
            "loan_ends_on",
            "price",
            "learner_share",
            "at_home",
            "ended_on",
            "learner_signed_at",
            "learner_signature",
        ],
    ),
    # The device, its formula and who paid stay: funders were told about them.
    erase=_handovers_erase,
)
