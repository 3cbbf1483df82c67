"""Printable documents of the workshop: sheets of device labels and the donor's erasure
report (attestation d'effacement des données)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from cms.pdf import qr_data_uri, render_pdf, site_branding

from .selectors import donor_devices

# A4 sheets of 3 × 8 labels of 63.5 × 33.9 mm (the common L7159 / 3422-type layout), in mm.
LABEL_COLUMNS, LABEL_ROWS = 3, 8
LABEL_WIDTH, LABEL_HEIGHT = 63.5, 33.9
LABEL_LEFT, LABEL_TOP, LABEL_GAP = 7.25, 12.9, 2.5
LABEL_INSET = 2.0  # keep the print away from the die-cut edges
LABELS_PER_SHEET = LABEL_COLUMNS * LABEL_ROWS


def _default_base_url():
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


class LabelSheetPrintable:
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

    def render(self):
        return render_pdf(self.template_name, self.get_context())


class DonorErasureReportPrintable:
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

    def render(self):
        return render_pdf(self.template_name, self.get_context())
