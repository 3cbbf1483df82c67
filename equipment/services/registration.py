"""Registering a device received by the structure, and its inventory code (PN-00042).

The code is unique platform-wide and made of the structure's initials, so structures with
the same initials share one numbering: a code is drawn under the lock of its prefix's row
(InventoryPrefix), held until the registration commits.
"""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Organisation, Role
from accounts.scoping import works_for

from ..chain import NOT_ALLOWED, S, event_record
from ..models import Device, InventoryPrefix

REGISTER_ROLES = (Role.COORDINATOR, Role.TECHNICIAN)

SERIAL_TAKEN = gettext_noop("Le numéro de série %(serial)s est déjà enregistré (%(code)s).")


def inventory_prefix(organisation):
    """The structure's initials: passerelles-numeriques → PN."""
    words = [w for w in re.split(r"[-_ ]+", organisation.slug or organisation.name) if w]
    letters = "".join(word[0] for word in words if word[0].isalnum()).upper()
    return (letters or "TR")[:3]


def _prefix_lock(prefix):
    """Hold the prefix's row until the transaction ends, creating it the first time.

    One upsert (INSERT … ON CONFLICT DO UPDATE): PostgreSQL locks the row it inserts or
    updates, and a second registration's upsert waits on that lock, so that its count of
    the codes, made afterwards, sees the first one's. SQLite needs no lock: its
    transactions are IMMEDIATE (cms.settings.base), the writer holds the whole database."""
    connection = connections[InventoryPrefix.objects.db]
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError(
            "An inventory code is drawn inside the transaction that saves the device."
        )
    if not connection.features.has_select_for_update:
        return
    InventoryPrefix.objects.bulk_create(
        [InventoryPrefix(prefix=prefix, drawn_at=timezone.now())],
        update_conflicts=True,
        unique_fields=["prefix"],
        update_fields=["drawn_at"],
    )


def inventory_code_next(organisation):
    """The next free code of the structure's prefix (PN-00042), whichever structure holds
    the codes before it. Call inside the transaction that saves the device: the prefix stays
    locked until it ends, so that two registrations never draw the same number."""
    prefix = inventory_prefix(organisation)
    _prefix_lock(prefix)
    codes = Device.objects.filter(inventory_code__startswith=f"{prefix}-").values_list(
        "inventory_code", flat=True
    )
    numbers = [int(code.split("-")[-1]) for code in codes if code.split("-")[-1].isdigit()]
    return f"{prefix}-{max(numbers, default=0) + 1:05d}"


@transaction.atomic
def device_register(*, actor, organisation, kind, serial_number="", **fields):
    """Register a device received by the structure; it gets its inventory code."""
    if not works_for(actor, organisation, REGISTER_ROLES):
        raise PermissionDenied(_(NOT_ALLOWED))
    # The structure's row: two registrations of the same serial number wait for each other.
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    serial_number = (serial_number or "").strip()
    if serial_number:
        taken = Device.objects.filter(
            organisation=organisation, serial_number=serial_number
        ).first()
        if taken is not None:
            raise ValidationError(
                _(SERIAL_TAKEN) % {"serial": serial_number, "code": taken.inventory_code}
            )
    device = Device(
        organisation=organisation,
        inventory_code=inventory_code_next(organisation),
        kind=kind,
        serial_number=serial_number,
        **fields,
    )
    device.full_clean()
    device.save()
    event_record(device, "", S.RECEIVED, actor)
    return device


def device_for_code(*, actor, code):
    """Open a device by its inventory code (typed or scanned), in the actor's structures."""
    code = (code or "").strip().upper()
    return (
        Device.objects.visible_to(actor)
        .filter(Q(inventory_code=code) | Q(serial_number__iexact=code))
        .first()
    )
