"""Recording the erasure of a device's data, with its certificate: a successful one moves an
identified or returned device to "data erased", the step that lets it go to a learner."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..chain import S, locked_device, step
from ..models import ErasureRecord

ERASURE_CERTIFICATE_NOT_PDF = gettext_noop("Le certificat doit être un fichier PDF.")
ERASURE_WRONG_STEP = gettext_noop(
    "L'effacement se note quand l'appareil est identifié ou rendu (ici : « %(current)s »)."
)


@transaction.atomic
def erasure_record(
    *, actor, device_id, method, standard, performed_on, result, certificate=None, notes=""
):
    """Record an erasure of the device's data; a successful one moves an identified or
    returned device to "data erased"."""
    device = locked_device(actor, device_id)
    if device.status not in (S.IDENTIFIED, S.RETURNED, S.ERASED):
        raise ValidationError(_(ERASURE_WRONG_STEP) % {"current": device.get_status_display()})
    if certificate is not None:
        head = certificate.read(5)
        certificate.seek(0)
        if head != b"%PDF-":
            raise ValidationError(_(ERASURE_CERTIFICATE_NOT_PDF))
    record = ErasureRecord(
        device=device,
        method=method,
        standard=standard,
        operator=actor,
        performed_on=performed_on,
        result=result,
        notes=notes,
    )
    if certificate is not None:
        record.certificate.save(f"effacement-{device.inventory_code}.pdf", certificate, save=False)
    record.full_clean()
    record.save()
    if result == ErasureRecord.Result.SUCCESS and device.status in (S.IDENTIFIED, S.RETURNED):
        step(device, S.ERASED, actor, record.get_method_display())
    return record
