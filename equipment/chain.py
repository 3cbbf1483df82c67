"""The refurbishing chain: the steps a device may move between (TRANSITIONS) and the move.

The chain allows only the moves in TRANSITIONS; a forbidden move raises a French message
and changes nothing. A device becomes ready only with a successful erasure recorded since it
arrived (or came back). Every move is kept as a DeviceEvent. Hand-overs and returns are
moves too, made by their own services (`equipment.services.handovers`, `.loans`).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.scoping import scoped_get

from .models import Device, DeviceEvent, ErasureRecord

S = Device.Status
TRANSITIONS = {
    S.RECEIVED: {S.IDENTIFIED, S.RECYCLED},
    S.IDENTIFIED: {S.ERASED, S.RECYCLED},
    S.ERASED: {S.REPAIRED, S.RECYCLED},
    S.REPAIRED: {S.READY, S.RECYCLED},
    S.READY: {S.RESERVED, S.HANDED_OVER, S.RECYCLED},
    S.RESERVED: {S.READY, S.HANDED_OVER, S.RECYCLED},
    S.HANDED_OVER: {S.RETURNED},
    S.RETURNED: {S.ERASED, S.RECYCLED},
    S.RECYCLED: set(),
}
# Moves made by their own service, not by a plain "move" button.
SERVICE_ONLY = {S.HANDED_OVER, S.RETURNED}

NOT_ALLOWED = gettext_noop("Vous ne pouvez pas modifier les appareils de cette structure.")
MOVE_FORBIDDEN = gettext_noop(
    "Un appareil « %(current)s » ne peut pas passer à « %(target)s ». Étapes possibles : "
    "%(allowed)s."
)
MOVE_NEEDS_ERASURE = gettext_noop(
    "Pas d'effacement réussi enregistré depuis l'arrivée de l'appareil : notez d'abord "
    "l'effacement des données et son certificat."
)
RECYCLE_NEEDS_REFERENCE = gettext_noop("Indiquez la référence de l'enlèvement DEEE.")
RESERVE_NEEDS_ENROLMENT = gettext_noop("Choisissez la personne pour qui réserver l'appareil.")


def event_record(device, from_status, to_status, actor, note=""):
    """Keep a step of the device's history (a move, or a loan bought out in place)."""
    DeviceEvent.objects.create(
        device=device, from_status=from_status, to_status=to_status, actor=actor, note=note[:300]
    )


def locked_device(actor, device_id):
    """The device, its row locked until the transaction ends; PermissionDenied whether it is
    missing or another structure's."""
    return scoped_get(
        Device.objects.select_for_update(), actor=actor, pk=device_id, denied=NOT_ALLOWED
    )


def erased_since_arrival(device):
    """A successful erasure recorded after the device arrived or last came back."""
    back = (
        device.events.filter(to_status__in=[S.RECEIVED, S.RETURNED])
        .order_by("-at", "-pk")
        .values_list("at", flat=True)
        .first()
    )
    erasures = device.erasures.filter(result=ErasureRecord.Result.SUCCESS)
    if back is not None:
        erasures = erasures.filter(created_at__gte=back)
    return erasures.exists()


def _forbidden(device, target):
    allowed = sorted(TRANSITIONS[device.status] - SERVICE_ONLY)
    labels = ", ".join(str(S(status).label) for status in allowed) or "—"
    return ValidationError(
        _(MOVE_FORBIDDEN)
        % {"current": device.get_status_display(), "target": S(target).label, "allowed": labels}
    )


def step(device, target, actor, note=""):
    """Put a locked device at `target` and keep the move; the caller has checked the rules."""
    previous = device.status
    device.status = target
    device.status_changed_at = timezone.now()
    device.save()
    event_record(device, previous, target, actor, note)
    return device


@transaction.atomic
def device_move(*, actor, device_id, to_status, note="", weee_reference="", enrolment=None):
    """Move a device one step along the chain, if that step is allowed from where it is."""
    device = locked_device(actor, device_id)
    if to_status not in S.values or to_status in SERVICE_ONLY:
        raise _forbidden(device, to_status if to_status in S.values else S.RECEIVED)
    if to_status not in TRANSITIONS[device.status]:
        raise _forbidden(device, to_status)
    if to_status in (S.ERASED, S.READY) and not erased_since_arrival(device):
        raise ValidationError(_(MOVE_NEEDS_ERASURE))
    if to_status == S.RECYCLED:
        if not weee_reference.strip():
            raise ValidationError(_(RECYCLE_NEEDS_REFERENCE))
        device.weee_reference = weee_reference.strip()[:100]
    if to_status == S.RESERVED:
        if enrolment is None or enrolment.cohort.organisation_id != device.organisation_id:
            raise ValidationError(_(RESERVE_NEEDS_ENROLMENT))
        device.reserved_for = enrolment
    elif device.status == S.RESERVED:
        device.reserved_for = None
    return step(device, to_status, actor, note)
