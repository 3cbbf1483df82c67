"""The document given with a device at its hand-over, one per formula: the donation
certificate, the loan agreement, the sale receipt with who paid what and the legal warranty.
"""

from django.utils import timezone
from django.utils.text import slugify

from cms.pdf import render_pdf, site_branding

from .models import Handover

TEMPLATES = {
    Handover.Formula.DONATION: "equipment/pdf/donation.html",
    Handover.Formula.LOAN: "equipment/pdf/loan.html",
    Handover.Formula.SALE: "equipment/pdf/sale.html",
}
FILENAMES = {
    Handover.Formula.DONATION: "attestation-de-don",
    Handover.Formula.LOAN: "convention-de-pret",
    Handover.Formula.SALE: "recu-de-vente",
}


def handover_for_document(queryset, handover_id):
    """The hand-over with everything its document prints, in a fixed number of queries."""
    return (
        queryset.select_related(
            "device__organisation",
            "enrolment__learner",
            "enrolment__cohort__track",
            "handed_over_by",
        )
        .prefetch_related("funding_shares__programme__funder")
        .filter(pk=handover_id)
        .first()
    )


class HandoverPrintable:
    """The paper that goes home with the device: what it is (inventory code and serial
    number, so that both sides can tell it apart), on which terms, signed by the learner on
    screen or, before that, with a box to sign on paper."""

    def __init__(self, *, handover, site=None):
        self.handover = handover
        self.site = site

    @property
    def template_name(self):
        return TEMPLATES[self.handover.formula]

    def get_context(self):
        handover = self.handover
        trainer = handover.handed_over_by
        shares = list(handover.funding_shares.all())
        learner = handover.enrolment.learner
        return {
            "handover": handover,
            "device": handover.device,
            "learner": learner,
            "learner_name": f"{learner.first_name} {learner.last_name}",
            "cohort": handover.enrolment.cohort,
            "organisation": handover.device.organisation,
            "trainer_name": (trainer.get_full_name() or trainer.username) if trainer else "",
            "handed_over_on": timezone.localdate(handover.handed_over_at),
            "shares": shares,
            "funders_total": sum((share.amount for share in shares), 0),
            "branding": site_branding(self.site),
        }

    def filename(self):
        learner = self.handover.enrolment.learner
        name = slugify(f"{learner.first_name} {learner.last_name}")
        code = slugify(self.handover.device.inventory_code)
        return f"{FILENAMES[self.handover.formula]}-{code}-{name}.pdf"

    def render(self):
        return render_pdf(self.template_name, self.get_context())
