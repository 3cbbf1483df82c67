"""The stock as an XLSX download: one row per device the person may see, with where it
stands in the chain and who holds it; typed text made safe by `core.spreadsheets.exports`."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.spreadsheets.exports import xlsx_table

from .models import Device, Handover

EXPORT_HEADERS = (
    gettext_lazy("Code d'inventaire"),
    gettext_lazy("N° de série"),
    gettext_lazy("Type"),
    gettext_lazy("Marque"),
    gettext_lazy("Modèle"),
    gettext_lazy("Processeur"),
    gettext_lazy("Mémoire (Go)"),
    gettext_lazy("Stockage (Go)"),
    gettext_lazy("Système"),
    gettext_lazy("Grade"),
    gettext_lazy("Étape"),
    gettext_lazy("Depuis le"),
    gettext_lazy("Donateur"),
    gettext_lazy("Collecté le"),
    gettext_lazy("Lot"),
    gettext_lazy("Prix solidaire (€)"),
    gettext_lazy("Réservé pour / remis à"),
    gettext_lazy("Notes"),
)


def _holder(device):
    handover = next(iter(device.current_handovers), None)
    if handover is not None:
        return str(handover.enrolment.learner)
    if device.reserved_for is not None:
        return str(device.reserved_for.learner)
    return ""


def _export_rows(devices):
    for device in devices:
        yield [
            device.inventory_code,
            device.serial_number,
            str(device.get_kind_display()),
            device.brand,
            device.model,
            device.processor,
            device.memory_gb,
            device.storage_gb,
            device.operating_system,
            device.grade,
            str(device.get_status_display()),
            timezone.localtime(device.status_changed_at).date(),
            device.donor.name if device.donor else "",
            device.collected_on,
            device.batch,
            device.price,
            _holder(device),
            device.notes,
        ]


def devices_export_xlsx(*, actor, queryset) -> bytes:
    """The devices of `queryset` the actor may see, one row each, as an XLSX workbook."""
    devices = (
        Device.objects.visible_to(actor)
        .filter(pk__in=queryset.values("pk"))
        .select_related("donor", "reserved_for__learner")
        .prefetch_related(
            Prefetch(
                "handovers",
                queryset=Handover.objects.exclude(status=Handover.Status.RETURNED).select_related(
                    "enrolment__learner"
                ),
                to_attr="current_handovers",
            )
        )
        .order_by("inventory_code")
    )
    return xlsx_table(_("Stock"), EXPORT_HEADERS, _export_rows(devices.iterator(chunk_size=500)))
