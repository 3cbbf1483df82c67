"""Devices for tests, registered and moved through the real services."""

import datetime

from equipment import services
from equipment.models import Device, ErasureRecord

PDF = b"%PDF-1.4 certificat d'effacement"


def make_device(actor, organisation, kind="laptop", serial="", **fields):
    return services.device_register(
        actor=actor,
        organisation=organisation,
        kind=kind,
        serial_number=serial,
        brand=fields.pop("brand", "Lenovo"),
        model=fields.pop("model", "ThinkPad T480"),
        **fields,
    )


def make_ready(actor, organisation, **fields):
    """A device taken through the whole chain: identified, erased, repaired, ready."""
    device = make_device(actor, organisation, **fields)
    services.device_move(actor=actor, device_id=device.pk, to_status=Device.Status.IDENTIFIED)
    services.erasure_record(
        actor=actor,
        device_id=device.pk,
        method=ErasureRecord.Method.NWIPE,
        standard=ErasureRecord.Standard.NIST_CLEAR,
        performed_on=datetime.date(2026, 11, 2),
        result=ErasureRecord.Result.SUCCESS,
    )
    services.device_move(actor=actor, device_id=device.pk, to_status=Device.Status.REPAIRED)
    services.device_move(actor=actor, device_id=device.pk, to_status=Device.Status.READY)
    device.refresh_from_db()
    return device
