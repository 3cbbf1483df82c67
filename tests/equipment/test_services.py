"""The refurbishing chain, erasure records, hand-overs and their rules."""

import datetime
import itertools
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import close_old_connections, connection
from django.utils import timezone

from accounts.models import Role
from cohorts.models import Programme
from equipment import services
from equipment.models import Device, DeviceEvent, ErasureRecord, Handover
from tests.accounts.factories import OrganisationFactory
from tests.cohorts.factories import finished_cohort, today_cohort
from tests.equipment.factories import PDF, make_device, make_ready
from tests.scoping import (
    assert_nothing_visible_to_anonymous,
    assert_visible_only_to_own_organisation,
)

S = Device.Status


@pytest.fixture
def technician(make_member, organisation):
    return make_member(Role.TECHNICIAN, organisation)


def erase(actor, device, result=ErasureRecord.Result.SUCCESS, certificate=None):
    return services.erasure_record(
        actor=actor,
        device_id=device.pk,
        method=ErasureRecord.Method.BLANCCO,
        standard=ErasureRecord.Standard.NIST_PURGE,
        performed_on=datetime.date(2026, 11, 3),
        result=result,
        certificate=certificate,
    )


@pytest.mark.django_db
def test_registering_gives_inventory_codes_and_refuses_a_serial_twice(technician, organisation):
    first = make_device(technician, organisation, serial="PF1ABCDE")
    second = make_device(technician, organisation, kind="tablet")
    prefix = services.inventory_prefix(organisation)
    assert (first.inventory_code, second.inventory_code) == (f"{prefix}-00001", f"{prefix}-00002")
    assert first.status == S.RECEIVED and first.events.get().to_status == S.RECEIVED
    with pytest.raises(
        ValidationError, match=f"PF1ABCDE est déjà enregistré \\({first.inventory_code}\\)"
    ):
        make_device(technician, organisation, serial="PF1ABCDE")


def same_initials(make_member):
    """Two structures whose codes start alike (PN), each with its technician."""
    structures = [
        OrganisationFactory(name="Passerelles numériques", slug="passerelles-numeriques"),
        OrganisationFactory(name="Point numérique", slug="point-numerique"),
    ]
    assert {services.inventory_prefix(structure) for structure in structures} == {"PN"}
    return [(structure, make_member(Role.TECHNICIAN, structure)) for structure in structures]


@pytest.mark.django_db
def test_structures_with_the_same_initials_share_one_numbering(make_member):
    (first, first_technician), (second, second_technician) = same_initials(make_member)
    codes = [
        make_device(first_technician, first).inventory_code,
        make_device(second_technician, second).inventory_code,
        make_device(first_technician, first).inventory_code,
    ]
    assert codes == ["PN-00001", "PN-00002", "PN-00003"]
    assert Device.objects.get(inventory_code="PN-00002").organisation == second


@pytest.mark.django_db(transaction=True)  # committed rows, seen by the other connection
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's IMMEDIATE transactions let one writer in at a time",
)
def test_structures_with_the_same_initials_registering_at_once_get_different_codes(
    make_member,
):
    structures = same_initials(make_member)
    rounds = 5  # the race was lost on the first or second round before the prefix lock
    barrier = threading.Barrier(len(structures))
    outcomes = []

    def register(organisation, technician):
        try:
            for _round in range(rounds):
                barrier.wait(timeout=10)
                outcomes.append(make_device(technician, organisation).inventory_code)
        except Exception as error:  # noqa: BLE001 — an IntegrityError before the fix
            outcomes.append(type(error).__name__)
            barrier.abort()
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=register, args=pair) for pair in structures]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == [f"PN-{number:05d}" for number in range(1, 2 * rounds + 1)]


ALLOWED = {(a, b) for a, targets in services.TRANSITIONS.items() for b in targets}


@pytest.mark.django_db
@pytest.mark.parametrize("source,target", sorted(itertools.product(S.values, S.values)))
def test_every_move_of_the_chain_is_allowed_or_refused_as_written(
    technician, organisation, source, target
):
    device = make_device(technician, organisation)
    erase_possible = source in (S.IDENTIFIED, S.RETURNED, S.ERASED)
    Device.objects.filter(pk=device.pk).update(status=source)
    if erase_possible:
        erase(technician, Device.objects.get(pk=device.pk))
        Device.objects.filter(pk=device.pk).update(status=source)  # the erasure moved it on
    else:
        ErasureRecord.objects.create(
            device=device,
            method="nwipe",
            standard="nist_clear",
            performed_on=datetime.date(2026, 11, 3),
            result="success",
        )
    events = DeviceEvent.objects.filter(device=device).count()
    extra = {"weee_reference": "ECO-2026-118"}
    if target == S.RESERVED:
        cohort = today_cohort(organisation, technician, learners=1)
        extra["enrolment"] = cohort.enrolments.get()
    should_work = (source, target) in ALLOWED and target not in services.SERVICE_ONLY
    if should_work:
        moved = services.device_move(
            actor=technician, device_id=device.pk, to_status=target, **extra
        )
        assert moved.status == target
        assert DeviceEvent.objects.filter(device=device).count() == events + 1
    else:
        with pytest.raises(ValidationError, match="ne peut pas passer à"):
            services.device_move(actor=technician, device_id=device.pk, to_status=target, **extra)
        assert Device.objects.get(pk=device.pk).status == source
        assert DeviceEvent.objects.filter(device=device).count() == events


@pytest.mark.django_db
def test_no_ready_without_a_successful_erasure_since_arrival(technician, organisation):
    device = make_device(technician, organisation)
    services.device_move(actor=technician, device_id=device.pk, to_status=S.IDENTIFIED)
    with pytest.raises(ValidationError, match="Pas d'effacement réussi"):
        services.device_move(actor=technician, device_id=device.pk, to_status=S.ERASED)
    failed = erase(technician, device, result=ErasureRecord.Result.FAILURE)
    assert Device.objects.get(pk=device.pk).status == S.IDENTIFIED and failed.pk
    not_pdf = SimpleUploadedFile("certificat.pdf", b"<html>", content_type="application/pdf")
    with pytest.raises(ValidationError, match="Le certificat doit être un fichier PDF."):
        erase(technician, device, certificate=not_pdf)
    record = erase(technician, device, certificate=SimpleUploadedFile("c.pdf", PDF))
    assert record.certificate.name.endswith(".pdf")
    assert Device.objects.get(pk=device.pk).status == S.ERASED
    services.device_move(actor=technician, device_id=device.pk, to_status=S.REPAIRED)
    services.device_move(actor=technician, device_id=device.pk, to_status=S.READY)
    with pytest.raises(ValidationError, match="Indiquez la référence de l'enlèvement DEEE."):
        services.device_move(actor=technician, device_id=device.pk, to_status=S.RECYCLED)


@pytest.mark.django_db
def test_hand_over_only_to_who_completed_and_one_device_per_family(
    trainer, technician, organisation
):
    cohort, (first, second, third) = finished_cohort(organisation, trainer, absent=(2,))
    for enrolment in (first, second):
        enrolment.learner.household = "Enfant : Inès Benali, 5e B"
        enrolment.learner.save()
    devices = [make_ready(technician, organisation) for _n in range(3)]
    with pytest.raises(ValidationError, match="n'a pas terminé le parcours selon sa règle"):
        services.device_hand_over(
            actor=trainer, device_id=devices[0].pk, enrolment_id=third.pk, formula="donation"
        )
    handover = services.device_hand_over(
        actor=trainer, device_id=devices[0].pk, enrolment_id=first.pk, formula="loan"
    )
    assert handover.loan_ends_on == services.months_later(timezone.localdate(), 6)
    assert Device.objects.get(pk=devices[0].pk).status == S.HANDED_OVER
    with pytest.raises(ValidationError, match="un seul par foyer"):
        services.device_hand_over(
            actor=trainer, device_id=devices[1].pk, enrolment_id=second.pk, formula="donation"
        )
    with pytest.raises(ValidationError, match="a déjà reçu un appareil"):
        services.device_hand_over(
            actor=trainer, device_id=devices[1].pk, enrolment_id=first.pk, formula="donation"
        )
    with pytest.raises(ValidationError, match="n'est pas disponible"):
        services.device_hand_over(
            actor=trainer, device_id=devices[0].pk, enrolment_id=second.pk, formula="donation"
        )


@pytest.mark.django_db
def test_a_sale_is_split_between_the_learner_and_funders(
    trainer, technician, organisation, other_organisation, funder_organisation
):
    cohort, (first, second, _third) = finished_cohort(organisation, trainer)
    programme = Programme.objects.create(
        funder=funder_organisation,
        organisation=organisation,
        name="Parents connectés",
        starts_on="2026-01-01",
        ends_on="2026-12-31",
    )
    caf = Programme.objects.create(
        funder=funder_organisation,
        organisation=organisation,
        name="Aide CAF équipement",
        starts_on="2026-01-01",
        ends_on="2026-12-31",
    )
    foreign = Programme.objects.create(
        funder=funder_organisation,
        organisation=other_organisation,
        name="Ailleurs",
        starts_on="2026-01-01",
        ends_on="2026-12-31",
    )
    device = make_ready(technician, organisation, price=Decimal("150"))
    with pytest.raises(
        ValidationError,
        match="Les parts ne font pas le prix : 30.00 € pour la personne et 100.00 €",
    ):
        services.device_hand_over(
            actor=trainer,
            device_id=device.pk,
            enrolment_id=first.pk,
            formula="sale",
            learner_share=Decimal("30"),
            funding=[(programme, Decimal("100"))],
        )
    with pytest.raises(ValidationError, match="n'est pas un dispositif de la structure"):
        services.device_hand_over(
            actor=trainer,
            device_id=device.pk,
            enrolment_id=first.pk,
            formula="sale",
            learner_share=Decimal("30"),
            funding=[(foreign, Decimal("120"))],
        )
    assert not Handover.objects.exists() and Device.objects.get(pk=device.pk).status == S.READY
    sale = services.device_hand_over(
        actor=trainer,
        device_id=device.pk,
        enrolment_id=first.pk,
        formula="sale",
        learner_share=Decimal("30.00"),
        funding=[(programme, Decimal("96")), (caf, Decimal("24"))],
    )
    assert sale.price == Decimal("150.00") and sale.learner_share == Decimal("30.00")
    assert sale.funders_total == Decimal("120.00")
    # 20 % / 80 % of a 100 € price.
    other = make_ready(technician, organisation)
    split = services.device_hand_over(
        actor=trainer,
        device_id=other.pk,
        enrolment_id=second.pk,
        formula="sale",
        price=Decimal("100"),
        learner_share=Decimal("20"),
        funding=[(programme, Decimal("80"))],
    )
    assert split.learner_share + split.funders_total == split.price == Decimal("100.00")


@pytest.mark.django_db
def test_a_loan_ends_bought_or_returned_to_erasure(trainer, technician, organisation):
    _cohort, (first, second, _third) = finished_cohort(organisation, trainer)
    kept, back = make_ready(technician, organisation), make_ready(technician, organisation)
    loan = services.device_hand_over(
        actor=trainer,
        device_id=kept.pk,
        enrolment_id=first.pk,
        formula="loan",
        buyout_price=Decimal("40"),
    )
    services.loan_end(actor=technician, handover_id=loan.pk, bought=True)
    assert Handover.objects.get(pk=loan.pk).status == "bought"
    assert Device.objects.get(pk=kept.pk).status == S.HANDED_OVER
    with pytest.raises(ValidationError):
        services.loan_end(actor=technician, handover_id=loan.pk, bought=False)
    returned = services.device_hand_over(
        actor=trainer, device_id=back.pk, enrolment_id=second.pk, formula="loan"
    )
    services.loan_end(actor=technician, handover_id=returned.pk, bought=False)
    assert Device.objects.get(pk=back.pk).status == S.RETURNED
    # Back to erasure: an erasure from before the loan does not count.
    with pytest.raises(ValidationError, match="Pas d'effacement réussi"):
        services.device_move(actor=technician, device_id=back.pk, to_status=S.ERASED)
    erase(technician, Device.objects.get(pk=back.pk))
    assert Device.objects.get(pk=back.pk).status == S.ERASED


@pytest.mark.django_db(transaction=True)
def test_two_people_handing_over_the_same_device_at_once_one_succeeds(
    site_root, live_courses, make_member, organisation
):
    trainer = make_member(Role.TRAINER, organisation)
    technician = make_member(Role.TECHNICIAN, organisation)
    _cohort, (first, second, _third) = finished_cohort(organisation, trainer)
    device = make_ready(technician, organisation)
    barrier = threading.Barrier(2)
    outcomes = []

    def hand_over(enrolment):
        try:
            barrier.wait(timeout=10)
            services.device_hand_over(
                actor=trainer, device_id=device.pk, enrolment_id=enrolment.pk, formula="donation"
            )
            outcomes.append("ok")
        except ValidationError as error:
            outcomes.append(" ".join(error.messages))
        except Exception as error:  # noqa: BLE001 — SQLite refuses the second writer outright
            outcomes.append(type(error).__name__)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=hand_over, args=(e,)) for e in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert outcomes.count("ok") == 1, outcomes
    assert Handover.objects.filter(device=device).count() == 1
    assert Device.objects.get(pk=device.pk).status == S.HANDED_OVER


@pytest.mark.django_db
def test_another_organisation_sees_and_moves_none_of_the_devices(
    technician, organisation, make_member, other_organisation, outsider
):
    device = make_ready(technician, organisation)
    outsider_technician = make_member(Role.TECHNICIAN, other_organisation)
    for model in (Device, DeviceEvent, ErasureRecord):
        objects = list(model.objects.filter(pk__in=model.objects.values("pk")))
        assert_visible_only_to_own_organisation(
            model.objects, member=technician, outsider=outsider, objects=objects
        )
        assert_nothing_visible_to_anonymous(model.objects)
    for user in (outsider, outsider_technician):
        with pytest.raises(PermissionDenied):
            services.device_move(actor=user, device_id=device.pk, to_status=S.RESERVED)
        with pytest.raises(PermissionDenied):
            make_device(user, organisation)
        assert services.device_for_code(actor=user, code=device.inventory_code) is None
    assert services.device_for_code(actor=technician, code=device.inventory_code.lower()) == device
