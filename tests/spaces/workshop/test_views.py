"""The workshop pages: technician home, device page and its moves, erasure, labels, donors."""

import contextlib
import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.models import Role
from equipment import services
from equipment.models import Device, DeviceEvent, Donor, ErasureRecord, Handover
from tests.cohorts.factories import finished_cohort
from tests.documents.factories import pdf_text
from tests.equipment.factories import PDF, make_device, make_ready
from tests.scoping import page_text

S = Device.Status


def words(response):
    """What a person reads, tags dropped and spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", page_text(response)).split())


def url(name, *args):
    return reverse(f"equipment:{name}", args=args)


@pytest.fixture
def donor(organisation):
    return Donor.objects.create(organisation=organisation, name="Banque Populaire du Sud-Ouest")


@pytest.fixture
def device(technician, organisation, donor):
    return make_device(technician, organisation, serial="PF1ABC01", donor=donor)


@pytest.fixture
def identified(technician, device):
    services.device_move(actor=technician, device_id=device.pk, to_status=S.IDENTIFIED)
    device.refresh_from_db()
    return device


@pytest.fixture
def outsiders(make_member, other_organisation):
    """Another structure's technician and coordinator."""
    return [
        make_member(Role.TECHNICIAN, other_organisation),
        make_member(Role.COORDINATOR, other_organisation),
    ]


@pytest.fixture
def workshop(technician, coordinator):
    return {"technician": technician, "coordinator": coordinator}


def erase_ok(actor, device, certificate=None):
    return services.erasure_record(
        actor=actor,
        device_id=device.pk,
        method=ErasureRecord.Method.BLANCCO,
        standard=ErasureRecord.Standard.NIST_PURGE,
        performed_on=datetime.date(2026, 3, 2),
        result=ErasureRecord.Result.SUCCESS,
        certificate=certificate,
    )


# --- Pages open to the workshop, closed to the others -------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["technician", "coordinator"])
def test_every_page_opens_for_technician_and_coordinator(client, workshop, role, identified, donor):
    erasure = erase_ok(workshop["technician"], identified, SimpleUploadedFile("c.pdf", PDF))
    client.force_login(workshop[role])
    code = identified.inventory_code
    for name, args, expected in [
        ("technician_home", (), code),
        ("device_list", (), code),
        ("device_register", (), "Enregistrer un appareil"),
        ("device", (code,), "Imprimer l'étiquette"),
        ("donor_list", (), donor.name),
        ("donor", (donor.pk,), code),
    ]:
        response = client.get(url(name, *args))
        assert response.status_code == 200, name
        assert expected in page_text(response), name
    for name, args in [
        ("device_label", (code,)),
        ("donor_report", (donor.pk,)),
        ("erasure_certificate", (erasure.pk,)),
    ]:
        response = client.get(url(name, *args))
        assert response.status_code == 200, name
        body = b"".join(response) if response.streaming else response.content
        assert body.startswith(b"%PDF-"), name


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["trainer", "cpe", "funder"])
def test_other_roles_are_refused(client, request, role, device, donor):
    client.force_login(request.getfixturevalue(role))
    code = device.inventory_code
    for name, args in [
        ("technician_home", ()),
        ("device_list", ()),
        ("device_register", ()),
        ("device", (code,)),
        ("device_label", (code,)),
        ("device_labels", ()),
        ("donor_list", ()),
        ("donor", (donor.pk,)),
        ("donor_report", (donor.pk,)),
    ]:
        assert client.get(url(name, *args)).status_code == 403, name
    response = client.post(url("device_move", code), {"to_status": S.IDENTIFIED})
    assert response.status_code == 403


@pytest.mark.django_db
def test_anonymous_goes_to_the_login_page(client, device, donor):
    for name, args in [("technician_home", ()), ("device", (device.inventory_code,))]:
        response = client.get(url(name, *args))
        assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.django_db
def test_another_organisation_gets_404_and_sees_nothing(
    client, outsiders, technician, identified, donor, other_organisation
):
    erasure = erase_ok(technician, identified, SimpleUploadedFile("c.pdf", PDF))
    code = identified.inventory_code
    # The outsiders' own workshop has a device, so that their pages are not simply empty.
    theirs = make_device(outsiders[0], other_organisation, serial="OTHER-1")
    for outsider in outsiders:
        client.force_login(outsider)
        for name, args in [
            ("device", (code,)),
            ("device", (code.lower(),)),
            ("device_label", (code,)),
            ("erasure_certificate", (erasure.pk,)),
            ("donor", (donor.pk,)),
            ("donor_report", (donor.pk,)),
        ]:
            assert client.get(url(name, *args)).status_code == 404, name
        for name, data in [
            ("device_move", {"to_status": S.RECYCLED, "weee_reference": "X"}),
            ("device_erasure", {"method": "nwipe"}),
        ]:
            assert client.post(url(name, code), data).status_code == 404, name
        # The code typed or scanned opens nothing either.
        response = client.get(url("technician_home"), {"code": code})
        assert "Aucun appareil de votre atelier" in page_text(response)
        # Lists and counts hold only their own device.
        home = page_text(client.get(url("technician_home")))
        assert theirs.inventory_code in home and code not in home
        listing = page_text(client.get(url("device_list")))
        assert "1 appareil." in listing and code not in listing
        assert donor.name not in page_text(client.get(url("donor_list")))
        labels = client.get(url("device_labels"), {"device": [identified.pk]})
        assert labels.status_code == 302
    identified.refresh_from_db()
    assert identified.status == S.ERASED and not identified.weee_reference


# --- Technician home -----------------------------------------------------------------------


@pytest.mark.django_db
def test_home_shows_stock_waiting_and_opens_a_device_by_code(client, technician, organisation):
    old = make_device(technician, organisation, serial="OLD-1")
    make_device(technician, organisation, kind="tablet", brand="Samsung", model="Galaxy Tab A")
    Device.objects.filter(pk=old.pk).update(
        status_changed_at=timezone.now() - datetime.timedelta(days=12)
    )
    client.force_login(technician)
    text = page_text(client.get(url("technician_home")))
    assert "Ordinateur portable" in text and "Tablette" in text
    assert f"{url('device_list')}?status=received&kind=tablet" in text
    assert "Reçu : 2 appareils, le plus ancien depuis 12 jours" in " ".join(
        re.sub(r"<[^>]+>", " ", text).split()
    )
    # Oldest first in the queue.
    assert text.index(old.inventory_code) < text.rindex(
        f"{services.inventory_prefix(organisation)}-00002"
    )
    # Typed in lower case, or the serial number: the device opens.
    response = client.get(url("technician_home"), {"code": old.inventory_code.lower()})
    assert response.status_code == 302 and response["Location"] == url("device", old.inventory_code)
    response = client.get(url("technician_home"), {"code": "old-1"})
    assert response["Location"] == url("device", old.inventory_code)


@pytest.mark.django_db
def test_an_unknown_code_says_so_and_keeps_what_was_typed(client, technician):
    client.force_login(technician)
    response = client.get(url("technician_home"), {"code": "PN-99999"})
    text = page_text(response)
    assert "Aucun appareil de votre atelier ne porte le code « PN-99999 »." in text
    assert 'value="PN-99999"' in text


@pytest.mark.django_db
def test_home_counts_hand_overs_by_programme_and_lists_loans_ending(
    client, trainer, technician, coordinator, organisation, funder_organisation
):
    from cohorts.models import Programme

    programme = Programme.objects.create(
        organisation=organisation,
        funder=funder_organisation,
        name="Parents connectés 33",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
    )
    cohort, (first, second, _third) = finished_cohort(organisation, trainer)
    cohort.programme = programme
    cohort.save()
    lent, given = make_ready(technician, organisation), make_ready(technician, organisation)
    services.device_hand_over(
        actor=trainer,
        device_id=lent.pk,
        enrolment_id=first.pk,
        formula=Handover.Formula.LOAN,
        loan_ends_on=timezone.localdate() + datetime.timedelta(days=5),
    )
    services.device_hand_over(
        actor=trainer, device_id=given.pk, enrolment_id=second.pk, formula="donation"
    )
    client.force_login(coordinator)
    text = words(client.get(url("technician_home")))
    assert "Parents connectés 33 1 1 0 2" in text
    loans = text.split("Prêts qui se terminent")[1]
    assert (
        lent.inventory_code in loans
        and given.inventory_code not in loans.split("Appareils remis")[0]
    )
    assert f"{first.learner.first_name} {first.learner.last_name[0]}." in loans


@pytest.mark.django_db
def test_import_and_export_links_show_when_they_exist(client, technician):
    client.force_login(technician)
    text = page_text(client.get(url("technician_home")))
    for name in ("device_import", "device_export"):
        with contextlib.suppress(NoReverseMatch):  # built by another part of the workshop
            assert url(name) in text


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_home_and_list_queries_do_not_grow_with_the_stock(client, technician, organisation, donor):
    client.force_login(technician)
    for index in range(5):
        make_device(technician, organisation, serial=f"A{index}", donor=donor)
    few = {
        path: count_queries(client, path) for path in (url("technician_home"), url("device_list"))
    }
    for index in range(25):
        device = make_device(technician, organisation, serial=f"B{index}", donor=donor)
        if index % 3 == 0:
            services.device_move(actor=technician, device_id=device.pk, to_status=S.IDENTIFIED)
    many = {path: count_queries(client, path) for path in few}
    assert many == few
    assert few[url("technician_home")] <= 12 and few[url("device_list")] <= 10, few


# --- Registering ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_register_a_device_with_a_new_donor(client, technician, organisation):
    client.force_login(technician)
    data = {
        "organisation": organisation.pk,
        "kind": "laptop",
        "serial_number": "PF2XYZ99",
        "brand": "Dell",
        "model": "Latitude 5490",
        "processor": "Intel Core i5-8350U",
        "memory_gb": "8",
        "storage_gb": "256",
        "operating_system": "Linux Mint 22",
        "grade": "B",
        "new_donor": "Mairie de Bègles",
        "collected_on": "2026-03-02",
        "batch": "Lot mars",
        "price": "120",
        "notes": "",
    }
    response = client.post(url("device_register"), data)
    device = Device.objects.get(serial_number="PF2XYZ99")
    assert response["Location"] == url("device", device.inventory_code)
    assert device.donor.name == "Mairie de Bègles" and device.memory_gb == 8
    assert device.status == S.RECEIVED and device.processor == "Intel Core i5-8350U"
    # The same serial twice: the service's message, nothing created, the input kept.
    data["new_donor"] = "Mairie de Talence"
    response = client.post(url("device_register"), data)
    text = page_text(response)
    assert response.status_code == 400
    assert f"Le numéro de série PF2XYZ99 est déjà enregistré ({device.inventory_code})." in text
    assert 'value="Latitude 5490"' in text
    assert not Donor.objects.filter(name="Mairie de Talence").exists()


@pytest.mark.django_db
def test_register_refuses_another_structures_donor(
    client, technician, organisation, other_organisation
):
    theirs = Donor.objects.create(organisation=other_organisation, name="Leur donateur")
    client.force_login(technician)
    response = client.post(
        url("device_register"),
        {"organisation": organisation.pk, "kind": "laptop", "donor": theirs.pk},
    )
    assert response.status_code == 400 and not Device.objects.exists()


# --- Device page: moves and erasure --------------------------------------------------------


def move_buttons(text):
    return {status.value for status in S if f'name="to_status" value="{status.value}"' in text}


@pytest.mark.django_db
def test_the_device_page_shows_only_the_allowed_moves(client, technician, organisation, device):
    client.force_login(technician)
    assert move_buttons(page_text(client.get(url("device", device.inventory_code)))) == {
        S.IDENTIFIED,
        S.RECYCLED,
    }
    ready = make_ready(technician, organisation)
    text = page_text(client.get(url("device", ready.inventory_code)))
    assert move_buttons(text) == {S.RESERVED, S.RECYCLED}
    assert "Imprimer l'étiquette" in text and "Réparé et testé" in text  # the history


@pytest.mark.django_db
def test_a_move_through_the_page(client, technician, device):
    client.force_login(technician)
    response = client.post(url("device_move", device.inventory_code), {"to_status": S.IDENTIFIED})
    assert response["Location"] == url("device", device.inventory_code)
    device.refresh_from_db()
    assert device.status == S.IDENTIFIED
    event = DeviceEvent.objects.filter(device=device).latest("pk")
    assert (event.to_status, event.actor) == (S.IDENTIFIED, technician)


@pytest.mark.django_db
def test_a_forbidden_move_says_why_and_changes_nothing(client, technician, device):
    client.force_login(technician)
    events = DeviceEvent.objects.filter(device=device).count()
    for target in (S.READY, S.HANDED_OVER, "nowhere"):
        response = client.post(url("device_move", device.inventory_code), {"to_status": target})
        assert response.status_code == 400
        assert "Un appareil « Reçu » ne peut pas passer à" in page_text(response)
    device.refresh_from_db()
    assert device.status == S.RECEIVED
    assert DeviceEvent.objects.filter(device=device).count() == events


@pytest.mark.django_db
def test_recycling_needs_a_reference_and_keeps_the_input(client, technician, device):
    client.force_login(technician)
    response = client.post(
        url("device_move", device.inventory_code), {"to_status": S.RECYCLED, "weee_reference": " "}
    )
    assert "Indiquez la référence de l'enlèvement DEEE." in page_text(response)
    response = client.post(
        url("device_move", device.inventory_code),
        {"to_status": S.RECYCLED, "weee_reference": "ECO-2026-0412"},
    )
    device.refresh_from_db()
    assert (device.status, device.weee_reference) == (S.RECYCLED, "ECO-2026-0412")
    assert move_buttons(page_text(client.get(url("device", device.inventory_code)))) == set()


@pytest.mark.django_db
def test_ready_is_refused_without_an_erasure(client, technician, identified):
    # Force the device to "repaired" without any erasure: the page must still refuse ready.
    Device.objects.filter(pk=identified.pk).update(status=S.REPAIRED)
    client.force_login(technician)
    text = page_text(client.get(url("device", identified.inventory_code)))
    assert move_buttons(text) == {S.READY, S.RECYCLED}
    response = client.post(url("device_move", identified.inventory_code), {"to_status": S.READY})
    assert response.status_code == 400
    assert "Pas d'effacement réussi enregistré depuis l'arrivée" in page_text(response)
    assert Device.objects.get(pk=identified.pk).status == S.REPAIRED


@pytest.mark.django_db
def test_reserving_lists_the_learners_of_tracks_that_hand_over(
    client, trainer, technician, organisation
):
    cohort, enrolments = finished_cohort(organisation, trainer)
    ready = make_ready(technician, organisation)
    client.force_login(technician)
    text = page_text(client.get(url("device", ready.inventory_code)))
    learner = enrolments[0].learner
    assert f'<option value="{enrolments[0].pk}"' in text
    assert f"{learner.first_name} {learner.last_name[0]}. — {cohort.name}" in text
    response = client.post(url("device_move", ready.inventory_code), {"to_status": S.RESERVED})
    assert "Choisissez la personne pour qui réserver l'appareil." in page_text(response)
    client.post(
        url("device_move", ready.inventory_code),
        {"to_status": S.RESERVED, "enrolment": enrolments[0].pk},
    )
    ready.refresh_from_db()
    assert (ready.status, ready.reserved_for) == (S.RESERVED, enrolments[0])


@pytest.mark.django_db
def test_erasure_with_its_certificate_through_the_page(client, technician, identified):
    client.force_login(technician)
    page = page_text(client.get(url("device", identified.inventory_code)))
    assert f'value="{timezone.localdate():%Y-%m-%d}"' in page  # the date defaults to today
    not_pdf = SimpleUploadedFile("rapport.pdf", b"<html>rapport</html>")
    data = {
        "method": "nwipe",
        "standard": "nist_purge",
        "performed_on": "2026-03-04",
        "result": "success",
        "notes": "Disque 256 Go",
    }
    response = client.post(
        url("device_erasure", identified.inventory_code), {**data, "certificate": not_pdf}
    )
    text = page_text(response)
    assert response.status_code == 400 and "Le certificat doit être un fichier PDF." in text
    assert 'value="Disque 256 Go"' in text
    assert not ErasureRecord.objects.exists()
    certificate = SimpleUploadedFile("rapport.pdf", PDF, content_type="application/pdf")
    response = client.post(
        url("device_erasure", identified.inventory_code), {**data, "certificate": certificate}
    )
    assert response.status_code == 302
    record = ErasureRecord.objects.get()
    assert (record.operator, record.performed_on) == (technician, datetime.date(2026, 3, 4))
    identified.refresh_from_db()
    assert identified.status == S.ERASED
    text = page_text(client.get(url("device", identified.inventory_code)))
    assert url("erasure_certificate", record.pk) in text
    served = client.get(url("erasure_certificate", record.pk))
    assert b"".join(served.streaming_content) == PDF


@pytest.mark.django_db
def test_erasure_at_the_wrong_step_gives_the_services_message(client, technician, device):
    client.force_login(technician)
    response = client.post(
        url("device_erasure", device.inventory_code),
        {
            "method": "nwipe",
            "standard": "nist_clear",
            "performed_on": "2026-03-04",
            "result": "success",
        },
    )
    assert "L'effacement se note quand l'appareil est identifié ou rendu" in page_text(response)


# --- Labels --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_labels_of_the_ticked_devices_24_per_sheet(client, technician, organisation):
    devices = [make_device(technician, organisation, serial=f"S{i:02d}") for i in range(30)]
    client.force_login(technician)
    listing = page_text(client.get(url("device_list")))
    assert listing.count('name="device"') == 30 and "Étiquettes de toute la page" in listing
    response = client.get(
        url("device_labels"), {"all": "1", "page_device": [d.pk for d in devices]}
    )
    assert response["Content-Type"] == "application/pdf"
    text, reader = pdf_text(response.content)
    assert len(reader.pages) == 2
    first_page = reader.pages[0].extract_text()
    assert sum(d.inventory_code in first_page for d in devices) == 24
    assert all(d.inventory_code in text for d in devices)
    assert "Lenovo ThinkPad T480" in " ".join(text.split())
    response = client.get(url("device_labels"), {"device": [devices[3].pk, devices[7].pk]})
    text, reader = pdf_text(response.content)
    assert len(reader.pages) == 1
    assert devices[3].inventory_code in text and devices[7].inventory_code in text
    assert devices[4].inventory_code not in text
    # Nothing ticked: back to the list with a message.
    response = client.get(url("device_labels"), {"back": "status=received"})
    assert response["Location"] == f"{url('device_list')}?status=received"


@pytest.mark.django_db
def test_one_label_from_the_device_page(client, technician, device):
    client.force_login(technician)
    response = client.get(url("device_label", device.inventory_code))
    text, reader = pdf_text(response.content)
    assert len(reader.pages) == 1 and device.inventory_code in text and "PF1ABC01" in text


@pytest.mark.django_db
def test_the_list_filters_by_step_kind_and_donor(client, technician, organisation, donor):
    laptop = make_device(technician, organisation, donor=donor)
    tablet = make_device(technician, organisation, kind="tablet")
    services.device_move(actor=technician, device_id=tablet.pk, to_status=S.IDENTIFIED)
    client.force_login(technician)
    for query, shown, hidden in [
        ({"status": "identified"}, tablet, laptop),
        ({"kind": "laptop"}, laptop, tablet),
        ({"donor": donor.pk}, laptop, tablet),
    ]:
        text = page_text(client.get(url("device_list"), query))
        assert shown.inventory_code in text and hidden.inventory_code not in text, query


# --- Donors --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_donor_page_and_erasure_report(client, technician, organisation, donor):
    erased = make_device(technician, organisation, serial="PF-ERASED", donor=donor)
    services.device_move(actor=technician, device_id=erased.pk, to_status=S.IDENTIFIED)
    record = erase_ok(technician, erased, SimpleUploadedFile("c.pdf", PDF))
    waiting = make_device(technician, organisation, serial="PF-WAITING", donor=donor)
    make_device(technician, organisation, serial="PF-NO-DONOR")
    client.force_login(technician)
    response = client.get(url("donor", donor.pk))
    text = page_text(response)
    assert erased.inventory_code in text and waiting.inventory_code in text
    assert "PF-NO-DONOR" not in text
    assert "Blancco, NIST 800-88 Purge, 02/03/2026" in words(response)
    assert url("erasure_certificate", record.pk) in text
    listing = words(client.get(url("donor_list")))
    assert f"{donor.name} 2 1" in listing
    response = client.get(url("donor_report", donor.pk))
    assert response["Content-Type"] == "application/pdf"
    assert "attestation-effacement-banque-populaire-du-sud-ouest" in response["Content-Disposition"]
    text, _reader = pdf_text(response.content)
    text = " ".join(text.split())
    assert "Attestation d'effacement des données" in text
    for expected in (
        erased.inventory_code,
        "PF-ERASED",
        "Blancco",
        "NIST 800-88 Purge",
        "02/03/2026",
        "Réussi",
        waiting.inventory_code,
        "Effacement à venir",
    ):
        assert expected in text, expected
    assert "PF-NO-DONOR" not in text
