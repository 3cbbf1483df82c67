"""The hand-over at the last meeting: the page, the signature, the documents, the dashboard
column, loans over time and the home set-up visit."""

import datetime
import importlib
import zoneinfo
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django_q.models import Schedule

from accounts.models import Role
from cohorts.models import HelpVisit, Programme
from equipment import services
from equipment.models import Device, Handover
from equipment.tasks import loan_reminders
from tests.cohorts.factories import finished_cohort
from tests.documents.factories import pdf_text
from tests.equipment.factories import make_ready
from tests.scoping import page_text
from tests.spaces.trainer.test_evidence import drawing

S = Device.Status
SCHEDULE = importlib.import_module("equipment.migrations.0002_loan_reminders_schedule")


def url(name, *args):
    return reverse(f"equipment:{name}", args=args)


@pytest.fixture
def trainer(make_member, organisation):
    return make_member(Role.TRAINER, organisation, first_name="Karim", last_name="Haddad")


@pytest.fixture
def finished(organisation, trainer):
    """Four learners who completed the track, a fifth who missed a meeting."""
    cohort, enrolments = finished_cohort(organisation, trainer, learners=5, absent=(4,))
    return cohort, enrolments, cohort.meetings.order_by("-number").first()


@pytest.fixture
def programme(organisation, funder_organisation):
    return Programme.objects.create(
        funder=funder_organisation,
        organisation=organisation,
        name="Parents connectés",
        starts_on="2026-01-01",
        ends_on="2027-12-31",
    )


def hand_over(actor, device, enrolment, formula="donation", **options):
    return services.device_hand_over(
        actor=actor, device_id=device.pk, enrolment_id=enrolment.pk, formula=formula, **options
    )


@pytest.mark.django_db
def test_the_last_meeting_links_to_the_hand_over_page(client, trainer, finished):
    cohort, _enrolments, last = finished
    client.force_login(trainer)
    text = page_text(client.get(reverse("cohorts:meeting", args=[last.pk])))
    assert "Remettre les ordinateurs" in text and url("handover_meeting", last.pk) in text
    first = cohort.meetings.get(number=1)
    assert client.get(url("handover_meeting", first.pk)).status_code == 404  # not the last


@pytest.mark.django_db
def test_hand_over_through_the_page_for_each_formula(
    client, trainer, technician, organisation, finished, programme
):
    _cohort, (first, second, third, fourth, _fifth), last = finished
    gift, lent, sold, split = (
        make_ready(technician, organisation, serial=f"SN-{n}", price=Decimal(p))
        for n, p in ((1, "90"), (2, "120"), (3, "150"), (4, "100"))
    )
    client.force_login(trainer)
    page = url("handover_meeting", last.pk)
    text = page_text(client.get(page))
    assert gift.inventory_code in text and "ThinkPad T480" in text and "150,00 €" in text
    assert text.count('name="enrolment"') == 4

    response = client.post(
        page, {"enrolment": first.pk, "device": gift.pk, "formula": "donation", "at_home": "on"}
    )
    donation = Handover.objects.get(enrolment=first)
    assert response.status_code == 302 and response.url == url("handover_sign", donation.pk)
    assert (
        donation.formula == "donation" and donation.at_home and donation.handed_over_by == trainer
    )

    end = timezone.localdate() + datetime.timedelta(days=90)
    client.post(
        page,
        {
            "enrolment": second.pk,
            "device": lent.pk,
            "formula": "loan",
            "loan_ends_on": end.isoformat(),
            "buyout_price": "40",
        },
    )
    loan = Handover.objects.get(enrolment=second)
    assert (loan.formula, loan.loan_ends_on, loan.buyout_price) == ("loan", end, Decimal("40"))

    client.post(
        page,
        {
            "enrolment": third.pk,
            "device": sold.pk,
            "formula": "sale",
            "learner_share": "30",
            "programme_1": programme.pk,
            "amount_1": "120",
        },
    )
    sale = Handover.objects.get(enrolment=third)
    assert (sale.price, sale.learner_share, sale.funders_total) == (
        Decimal("150.00"),
        Decimal("30.00"),
        Decimal("120.00"),
    )
    # 20 % for the learner, 80 % for the Département, of the device's price.
    client.post(
        page,
        {
            "enrolment": fourth.pk,
            "device": split.pk,
            "formula": "sale",
            "learner_share": "20 %",
            "programme_1": programme.pk,
            "amount_1": "80 %",
        },
    )
    shared = Handover.objects.get(enrolment=fourth)
    assert (shared.learner_share, shared.funders_total) == (Decimal("20.00"), Decimal("80.00"))
    assert set(Device.objects.values_list("status", flat=True)) == {S.HANDED_OVER}

    text = page_text(client.get(page))
    assert 'name="enrolment"' not in text
    for handover in (donation, loan, sale, shared):
        assert url("handover_document", handover.pk) in text
        assert url("handover_sign", handover.pk) in text
    assert url("handover_home_setup", donation.pk) in text
    assert url("handover_home_setup", loan.pk) not in text


@pytest.mark.django_db
def test_an_ineligible_learner_sees_why_and_cannot_be_handed_a_device(
    client, trainer, technician, organisation, finished
):
    _cohort, enrolments, last = finished
    absent = enrolments[4]
    device = make_ready(technician, organisation)
    client.force_login(trainer)
    text = page_text(client.get(url("handover_meeting", last.pk)))
    assert f"{absent.learner} n'a pas terminé le parcours selon sa règle" in text
    response = client.post(
        url("handover_meeting", last.pk),
        {"enrolment": absent.pk, "device": device.pk, "formula": "donation"},
    )
    assert response.status_code == 400
    assert "n'a pas terminé le parcours selon sa règle" in page_text(response)
    assert not Handover.objects.exists()
    assert Device.objects.get(pk=device.pk).status == S.READY


@pytest.mark.django_db
def test_a_sale_that_does_not_add_up_is_refused_and_the_form_kept(
    client, trainer, technician, organisation, finished, programme
):
    _cohort, enrolments, last = finished
    device = make_ready(technician, organisation, price=Decimal("150"))
    client.force_login(trainer)
    response = client.post(
        url("handover_meeting", last.pk),
        {
            "enrolment": enrolments[0].pk,
            "device": device.pk,
            "formula": "sale",
            "learner_share": "30",
            "programme_1": programme.pk,
            "amount_1": "100",
        },
    )
    assert response.status_code == 400
    text = page_text(response)
    assert (
        "Les parts ne font pas le prix : 30.00 € pour la personne et 100.00 € pour les "
        "financeurs, soit 130.00 €, pour un prix de 150.00 €." in text
    )
    assert 'name="learner_share" value="30"' in text and 'name="amount_1" value="100"' in text
    assert f'<option value="{programme.pk}" selected>' in text
    assert f'<option value="{device.pk}" data-price="150.00" selected>' in text
    assert 'value="sale" data-formula checked' in text
    assert not Handover.objects.exists()
    response = client.post(
        url("handover_meeting", last.pk), {"enrolment": enrolments[0].pk, "formula": "donation"}
    )
    assert "Choisissez dans la liste l'appareil à remettre." in page_text(response)


def _document(client, handover):
    response = client.get(url("handover_document", handover.pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return pdf_text(response.content)


@pytest.mark.django_db
def test_the_three_documents_say_what_was_handed_over_to_whom_and_on_which_terms(
    client, trainer, technician, organisation, finished, programme
):
    _cohort, (first, second, third, *_rest), _last = finished
    gift, lent, sold = (
        make_ready(technician, organisation, serial=f"PF-ABC-{n}", price=Decimal("150"))
        for n in range(3)
    )
    end = timezone.localdate() + datetime.timedelta(days=120)
    donation = hand_over(trainer, gift, first)
    loan = hand_over(trainer, lent, second, "loan", loan_ends_on=end, buyout_price=Decimal("45"))
    sale = hand_over(
        trainer,
        sold,
        third,
        "sale",
        learner_share=Decimal("30"),
        funding=[(programme, Decimal("120"))],
    )
    client.force_login(trainer)
    for handover, device, enrolment, words in (
        (donation, gift, first, ["Attestation de don", "Ce matériel est à vous"]),
        (
            loan,
            lent,
            second,
            ["Convention de prêt", date_format(end, "j F Y"), "45,00 €", "Vous vous engagez"],
        ),
        (
            sale,
            sold,
            third,
            [
                "Reçu de vente",
                "30,00 €",
                "120,00 €",
                "150,00 €",
                "Parents connectés",
                "Département de la Gironde",
                "Garantie légale de conformité de 2 ans",
            ],
        ),
    ):
        text, reader = _document(client, handover)
        flat = " ".join(text.split())
        learner = enrolment.learner
        for expected in [
            device.inventory_code,
            device.serial_number,
            "Lenovo ThinkPad T480",
            learner.first_name,
            learner.last_name.upper(),
            "Karim Haddad",
            "Association des Lilas",
            *words,
        ]:
            assert expected in flat, (handover.formula, expected)
        assert sum(len(page.images) for page in reader.pages) == 0  # a box to sign on paper

    response = client.post(url("handover_sign", sale.pk), {"signature": drawing()})
    assert response.status_code == 302
    text, reader = _document(client, sale)
    assert "signé à l'écran" in text
    assert sum(len(page.images) for page in reader.pages) == 1


@pytest.mark.django_db
def test_a_signed_hand_over_keeps_its_signature(
    client, trainer, technician, organisation, finished
):
    _cohort, enrolments, last = finished
    handover = hand_over(trainer, make_ready(technician, organisation), enrolments[0])
    client.force_login(trainer)
    sign = url("handover_sign", handover.pk)
    assert "Valider la signature" in page_text(client.get(sign))
    response = client.post(sign, {"signature": drawing(ink=False)})
    assert response.status_code == 400 and "Le cadre est vide" in page_text(response)
    response = client.post(sign, {"signature": drawing()})
    assert response.status_code == 302
    assert response.url == f"{url('handover_meeting', last.pk)}#apprenant-{enrolments[0].pk}"
    signed = Handover.objects.get(pk=handover.pk)
    assert signed.learner_signature.name and signed.learner_signed_at
    response = client.post(sign, {"signature": drawing(shift=30)})
    assert response.status_code == 400
    assert "déjà signé : la signature ne peut plus changer" in page_text(response)
    with pytest.raises(ValidationError, match="déjà signé"):
        services.handover_sign(actor=trainer, handover_id=handover.pk, data_url=drawing(shift=10))
    again = Handover.objects.get(pk=handover.pk)
    assert (again.learner_signature.name, again.learner_signed_at) == (
        signed.learner_signature.name,
        signed.learner_signed_at,
    )
    assert "Valider la signature" not in page_text(client.get(sign))


@pytest.mark.django_db
def test_the_dashboard_shows_the_device_handed_over_without_a_query_per_learner(
    client, trainer, technician, organisation, finished
):
    cohort, enrolments, _last = finished
    devices = [make_ready(technician, organisation) for _n in range(3)]
    first = hand_over(trainer, devices[0], enrolments[0], "loan")
    client.force_login(trainer)
    dashboard = reverse("cohorts:cohort", args=[cohort.pk])
    with CaptureQueriesContext(connection) as one:
        text = page_text(client.get(dashboard))
    assert devices[0].inventory_code in text and url("handover_document", first.pk) in text
    assert "Prêt" in text
    for device, enrolment in zip(devices[1:], enrolments[1:3], strict=True):
        hand_over(trainer, device, enrolment)
    with CaptureQueriesContext(connection) as three:
        text = page_text(client.get(dashboard))
    assert all(device.inventory_code in text for device in devices)
    assert len(three) == len(one)


@pytest.mark.django_db
def test_loan_reminders_mail_the_coordinators_once_and_not_too_early(
    trainer, technician, coordinator, make_member, organisation, other_organisation, finished
):
    _cohort, enrolments, _last = finished
    silent = make_member(Role.COORDINATOR, organisation, email="")
    elsewhere = make_member(Role.COORDINATOR, other_organisation)
    today = timezone.localdate()
    end = today + datetime.timedelta(days=20)
    loan = hand_over(
        trainer, make_ready(technician, organisation), enrolments[0], "loan", loan_ends_on=end
    )
    hand_over(trainer, make_ready(technician, organisation), enrolments[1])  # a donation
    assert loan_reminders(today=today) == 0 and not mail.outbox  # 20 days ahead: too early
    assert loan_reminders(today=end - datetime.timedelta(days=15)) == 0 and not mail.outbox
    assert loan_reminders(today=end - datetime.timedelta(days=14)) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [coordinator.email]
    assert trainer.email not in message.to and silent.email not in message.to
    assert elsewhere.email not in message.to
    learner = enrolments[0].learner
    for expected in (
        f"{learner.first_name} {learner.last_name}",
        loan.device.inventory_code,
        date_format(end, "j F Y"),
        url("loans"),
    ):
        assert expected in message.body, expected
    assert Handover.objects.get(pk=loan.pk).reminder_sent_on == end - datetime.timedelta(days=14)
    assert loan_reminders(today=end - datetime.timedelta(days=13)) == 0
    assert loan_reminders(today=end + datetime.timedelta(days=3)) == 0  # overdue, mailed already
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_daily_schedule_of_the_reminders_is_created_by_the_migration_once():
    assert ("equipment", "0002_loan_reminders_schedule") in MigrationRecorder(
        connection
    ).applied_migrations()
    # Transactional tests elsewhere flush migration data: run the migration's function again
    # on its own state, twice, as a repeated migrate would.
    state = MigrationLoader(connection).project_state(("equipment", "0002_loan_reminders_schedule"))
    SCHEDULE.schedule_create(state.apps, None)
    SCHEDULE.schedule_create(state.apps, None)
    schedule = Schedule.objects.get(name=SCHEDULE.SCHEDULE_NAME)
    assert (schedule.func, schedule.schedule_type, schedule.repeats) == (
        "equipment.tasks.loan_reminders",
        Schedule.DAILY,
        -1,
    )
    paris = schedule.next_run.astimezone(zoneinfo.ZoneInfo("Europe/Paris"))
    assert (paris.hour, paris.minute) == (8, 0)


@pytest.mark.django_db
def test_a_loan_ends_bought_or_returned_through_the_page(
    client, trainer, technician, coordinator, organisation, finished
):
    _cohort, enrolments, _last = finished
    today = timezone.localdate()
    kept, back, later = (make_ready(technician, organisation) for _n in range(3))
    soon = hand_over(
        trainer, kept, enrolments[0], "loan", loan_ends_on=today + datetime.timedelta(days=5)
    )
    late = hand_over(
        trainer, back, enrolments[1], "loan", loan_ends_on=today + datetime.timedelta(days=1)
    )
    Handover.objects.filter(pk=late.pk).update(loan_ends_on=today - datetime.timedelta(days=3))
    hand_over(
        trainer, later, enrolments[2], "loan", loan_ends_on=today + datetime.timedelta(days=60)
    )
    client.force_login(trainer)
    assert client.get(url("loans")).status_code == 403  # the coordination's page
    client.force_login(coordinator)
    text = page_text(client.get(url("loans")))
    assert kept.inventory_code in text and back.inventory_code in text
    assert later.inventory_code not in text and "en retard" in text
    response = client.post(url("loan_end", soon.pk), {"outcome": "bought"})
    assert response.status_code == 302 and response.url == url("loans")
    assert Handover.objects.get(pk=soon.pk).status == Handover.Status.BOUGHT
    assert Device.objects.get(pk=kept.pk).status == S.HANDED_OVER
    client.post(url("loan_end", late.pk), {"outcome": "returned"})
    assert Handover.objects.get(pk=late.pk).status == Handover.Status.RETURNED
    assert Device.objects.get(pk=back.pk).status == S.RETURNED
    text = page_text(client.get(url("loans")))
    assert url("loan_end", soon.pk) not in text and url("loan_end", late.pk) not in text
    assert "Aucun prêt ne se termine" in text
    response = client.post(url("loan_end", late.pk), {"outcome": "bought"}, follow=True)
    assert "Seul un prêt en cours peut se terminer ainsi." in page_text(response)


@pytest.mark.django_db
def test_the_home_set_up_visit_counts_as_individual_help(
    client, trainer, technician, organisation, finished
):
    cohort, enrolments, _last = finished
    at_home = hand_over(trainer, make_ready(technician, organisation), enrolments[0], at_home=True)
    at_meeting = hand_over(trainer, make_ready(technician, organisation), enrolments[1])
    client.force_login(trainer)
    assert client.get(url("handover_home_setup", at_meeting.pk)).status_code == 404
    setup = url("handover_home_setup", at_home.pk)
    response = client.post(setup, {"date": "2026-12-02", "duration_minutes": "", "notes": "x"})
    assert response.status_code == 400
    assert "Indiquez la durée de la visite en minutes." in page_text(response)
    response = client.post(
        setup,
        {"date": "2026-12-02", "duration_minutes": "90", "notes": "Box branchée, e-mail créé"},
    )
    assert response.status_code == 302
    visit = HelpVisit.objects.get()
    assert (visit.learner, visit.cohort, visit.organisation, visit.helper) == (
        enrolments[0].learner,
        cohort,
        organisation,
        trainer,
    )
    assert (visit.date, visit.duration_minutes, visit.theme, visit.place) == (
        datetime.date(2026, 12, 2),
        90,
        HelpVisit.Theme.DEVICE,
        HelpVisit.Place.HOME,
    )
    assert "Box branchée, e-mail créé" in visit.notes
    assert "Box branchée, e-mail créé" in page_text(client.get(setup))


@pytest.mark.django_db
def test_another_organisation_reaches_none_of_the_hand_overs_and_hands_over_none_of_the_devices(
    client,
    trainer,
    technician,
    organisation,
    other_organisation,
    outsider,
    outsider_trainer,
    finished,
):
    _cohort, enrolments, last = finished
    device = make_ready(technician, organisation)
    handover = hand_over(
        trainer, make_ready(technician, organisation), enrolments[0], "loan", at_home=True
    )
    gets = [
        url("handover_meeting", last.pk),
        url("handover_sign", handover.pk),
        url("handover_document", handover.pk),
        url("handover_home_setup", handover.pk),
    ]
    posts = [
        (url("handover_meeting", last.pk), {"enrolment": enrolments[1].pk, "device": device.pk}),
        (url("handover_sign", handover.pk), {"signature": drawing()}),
        (url("handover_home_setup", handover.pk), {"date": "2026-12-02", "duration_minutes": "60"}),
        (url("loan_end", handover.pk), {"outcome": "returned"}),
    ]
    for target in gets:
        assert client.get(target).status_code == 302, target  # anonymous: to the login page
    theirs, their_enrolments = finished_cohort(other_organisation, outsider_trainer)
    their_last = theirs.meetings.order_by("-number").first()
    for user in (outsider_trainer, outsider):
        client.force_login(user)
        for target in gets:
            assert client.get(target).status_code == 404, target
        for target, data in posts:
            expected = (
                403 if target == url("loan_end", handover.pk) and user == outsider_trainer else 404
            )
            assert client.post(target, data).status_code == expected, target
        if user == outsider:
            assert handover.device.inventory_code not in page_text(client.get(url("loans")))
        # Their own last meeting does not offer our devices, and refuses one typed in.
        text = page_text(client.get(url("handover_meeting", their_last.pk)))
        assert device.inventory_code not in text
        response = client.post(
            url("handover_meeting", their_last.pk),
            {"enrolment": their_enrolments[0].pk, "device": device.pk, "formula": "donation"},
        )
        assert response.status_code == 400
        with pytest.raises(PermissionDenied):
            hand_over(user, device, their_enrolments[0])
    assert Device.objects.get(pk=device.pk).status == S.READY
    assert Handover.objects.get(pk=handover.pk).learner_signed_at is None
    assert not HelpVisit.objects.exists()
    client.force_login(trainer)
    assert client.get(url("handover_document", handover.pk)).status_code == 200
