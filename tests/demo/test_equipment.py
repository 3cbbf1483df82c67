"""The demo stock: about forty devices through the real chain, loaded twice without change."""

import pytest
from django.core import serializers

from accounts.models import Organisation
from demo.accounts import load_accounts
from demo.cohorts import load_cohorts
from demo.equipment import load_equipment
from equipment import services
from equipment.models import Device, DeviceEvent, Donor, ErasureRecord, Handover
from tests.documents.factories import pdf_text

S = Device.Status


@pytest.mark.django_db
def test_demo_equipment_loads_twice_without_change():
    load_accounts()
    load_cohorts()
    load_equipment()

    def rows():
        return [
            serializers.serialize("python", model.objects.order_by("pk"))
            for model in (Device, Donor, DeviceEvent, ErasureRecord)
        ]

    first = rows()
    load_equipment()
    assert rows() == first
    association = Organisation.objects.get(slug="passerelles-numeriques")
    devices = Device.objects.filter(organisation=association)
    assert devices.count() >= 35
    assert devices.filter(status=S.READY).count() >= 8
    assert devices.filter(status=S.RECYCLED).exclude(weee_reference="").count() == 2
    assert ErasureRecord.objects.filter(result="failure").count() == 1
    assert not Handover.objects.exists()
    with_certificate = ErasureRecord.objects.filter(result="success").exclude(certificate="")
    assert with_certificate.count() == ErasureRecord.objects.filter(result="success").count()
    record = with_certificate.select_related("device").first()
    with record.certificate.open("rb") as certificate:
        text, _reader = pdf_text(certificate.read())
    assert record.device.serial_number in text and "Rapport d'effacement" in text
    # Every ready device went through the real chain, erasure included.
    for device in devices.filter(status=S.READY):
        assert services.erased_since_arrival(device)
