"""Printable documents of the workshop: sheets of device labels, the donor's erasure report
(attestation d'effacement des données), and the document given with a device at its
hand-over, one per formula: the donation certificate, the loan agreement, the sale receipt
with who paid what and the legal warranty."""

from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from documents.identity import site_branding
from documents.printables import Printable
from documents.renderer import qr_data_uri

from .models import Handover
from .selectors import donor_devices

# A4 sheets of 3 × 8 labels of 63.5 × 33.9 mm (the common L7159 / 3422-type layout), in mm.
LABEL_COLUMNS, LABEL_ROWS = 3, 8
LABEL_WIDTH, LABEL_HEIGHT = 63.5, 33.9
LABEL_LEFT, LABEL_TOP, LABEL_GAP = 7.25, 12.9, 2.5
LABEL_INSET = 2.0  # keep the print away from the die-cut edges
LABELS_PER_SHEET = LABEL_COLUMNS * LABEL_ROWS

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


def _default_base_url():
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


class LabelSheetPrintable(Printable):
    """Labels to stick on devices: the inventory code in large type, a QR code to the
    device's page (a phone's camera opens it), and what the device is. Each label sits in
    its own PDF frame at the sheet's exact position, so the print lands on the labels."""

    template_name = "equipment/pdf/labels.html"

    def __init__(self, devices, *, base_url=None):
        self.devices = list(devices)
        self.base_url = (base_url if base_url is not None else _default_base_url()).rstrip("/")

    def device_url(self, device):
        return self.base_url + reverse("equipment:device", args=[device.inventory_code])

    def frames(self):
        frames = []
        for row in range(LABEL_ROWS):
            for column in range(LABEL_COLUMNS):
                frames.append(
                    {
                        "name": f"label{len(frames) + 1}",
                        "left": LABEL_LEFT + column * (LABEL_WIDTH + LABEL_GAP) + LABEL_INSET,
                        "top": LABEL_TOP + row * LABEL_HEIGHT + LABEL_INSET,
                        "width": LABEL_WIDTH - 2 * LABEL_INSET,
                        "height": LABEL_HEIGHT - 2 * LABEL_INSET,
                    }
                )
        return frames

    def get_context(self):
        labels = []
        for device in self.devices:
            labels.append(
                {
                    "device": device,
                    "qr": qr_data_uri(self.device_url(device), scale=3),
                    "description": " ".join(p for p in (device.brand, device.model) if p),
                }
            )
        return {"labels": labels, "frames": self.frames()}

    def filename(self):
        if len(self.devices) == 1:
            return f"etiquette-{self.devices[0].inventory_code}.pdf"
        return f"etiquettes-{len(self.devices)}.pdf"


class DonorErasureReportPrintable(Printable):
    """What a large donor keeps: every device it gave, with the erasure of its data (method,
    standard, date, result), signed by the structure."""

    template_name = "equipment/pdf/donor_erasure_report.html"

    def __init__(self, donor, *, site=None, today=None):
        self.donor = donor
        self.site = site
        self.today = today or timezone.localdate()

    def get_context(self):
        devices = donor_devices(donor=self.donor)
        erased = sum(
            1 for device in devices if device.erasure and device.erasure.result == "success"
        )
        return {
            "donor": self.donor,
            "organisation": self.donor.organisation,
            "devices": devices,
            "erased": erased,
            "today": self.today,
            "branding": site_branding(self.site),
        }

    def filename(self):
        return f"attestation-effacement-{slugify(self.donor.name)}-{self.today:%Y-%m-%d}.pdf"


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


class HandoverPrintable(Printable):
    """The paper that goes home with the device: what it is (inventory code and serial
    number, so that both sides can tell it apart), on which terms, signed by the learner on
    screen or, before that, with a box to sign on paper."""

    def __init__(self, *, handover, site=None):
        self.handover = handover
        self.site = site

    @property
    def template_name(self):
        return TEMPLATES[self.handover.formula]

    @classmethod
    def template_names(cls):
        return list(TEMPLATES.values())

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
