"""Referrals by social workers: sending, the coordinators' queue, who sees what."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organisation, Role
from cohorts import referrals
from cohorts.models import Learner, Referral
from tests.accounts.factories import OrganisationFactory
from tests.cohorts.factories import make_learner
from tests.scoping import page_text


def url(name, *args):
    return reverse(f"cohorts:{name}", args=args)


def form_data(organisation, service, **extra):
    data = {
        "prescriber_organisation": service.pk,
        "organisation": organisation.pk,
        "first_name": "Malika",
        "last_name": "Benchekroun",
        "phone": "+33 6 23 45 67 81",
        "email": "",
        "language": "ar",
        "reads_french": "non",
        "need": "both",
        "receives_rsa": "on",
        "lives_in_qpv": "on",
        "note": "Mme a besoin d'un ordinateur pour ses démarches CAF.",
        "consent": "on",
    }
    data.update(extra)
    return data


def send(prescriber, organisation, service, **extra):
    fields = {
        "first_name": "Malika",
        "last_name": "Benchekroun",
        "phone": "06 23 45 67 81",
        "email": "",
        "language": "ar",
        "reads_french": False,
        "need": Referral.Need.BOTH,
        "receives_rsa": True,
        "lives_in_qpv": True,
        "is_job_seeker": False,
        "note": "Démarches CAF.",
        "consent": True,
    }
    fields.update(extra)
    return referrals.referral_send(
        actor=prescriber, organisation=organisation, prescriber_organisation=service, **fields
    )


def next_week():
    return timezone.now() + datetime.timedelta(days=7)


def message(constant, **values):
    text = str(constant)
    return text % values if values else text


@pytest.fixture
def referral(prescriber, organisation, social_service):
    return send(prescriber, organisation, social_service)


@pytest.mark.django_db
def test_a_prescriber_refers_a_person_through_the_page(client, prescriber, organisation):
    client.force_login(prescriber)
    form_page = page_text(client.get(url("referral_new")))
    assert "Orienter une personne" in form_page and organisation.name in form_page
    assert "ouvrent des financements" in form_page
    service = Organisation.objects.get(memberships__user=prescriber)

    response = client.post(url("referral_new"), form_data(organisation, service))
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("prescriber_referral", referral.pk)
    assert referral.prescriber == prescriber and referral.organisation == organisation
    assert referral.phone == "06 23 45 67 81"  # normalised like the import does
    assert (referral.receives_rsa, referral.lives_in_qpv, referral.is_job_seeker) == (
        True,
        True,
        False,
    )
    assert not referral.reads_french and referral.status == Referral.Status.SENT

    # A double tap sends nothing more.
    client.post(url("referral_new"), form_data(organisation, service))
    assert Referral.objects.count() == 1

    home = page_text(client.get(url("prescriber_home")))
    assert "Malika Benchekroun" in home and "Envoyée" in home


@pytest.mark.django_db
def test_consent_is_required_and_the_form_keeps_what_was_typed(
    client, prescriber, organisation, social_service
):
    client.force_login(prescriber)
    response = client.post(url("referral_new"), form_data(organisation, social_service, consent=""))
    assert response.status_code == 200
    text = page_text(response)
    assert "Il manque quelque chose" in text
    assert message(referrals.REFERRAL_CONSENT_MISSING) in text
    assert 'value="Benchekroun"' in text
    assert not Referral.objects.exists()
    with pytest.raises(ValidationError) as exc:
        send(prescriber, organisation, social_service, consent=False)
    assert message(referrals.REFERRAL_CONSENT_MISSING) in exc.value.messages


@pytest.mark.django_db
def test_send_checks_the_prescriber_the_association_the_note_and_the_phone(
    prescriber, organisation, social_service, school, make_member
):
    network = OrganisationFactory(kind=Organisation.Kind.NETWORK)
    social_service.network = network
    social_service.save()
    with pytest.raises(ValidationError) as exc:  # not in the service's network
        send(prescriber, organisation, social_service)
    assert message(referrals.REFERRAL_ASSOCIATION_INVALID) in exc.value.messages
    organisation.network = network
    organisation.save()
    with pytest.raises(ValidationError):  # not an association
        send(prescriber, school, social_service)
    with pytest.raises(ValidationError) as exc:
        send(prescriber, organisation, social_service, note="x" * 1001)
    assert message(referrals.REFERRAL_NOTE_TOO_LONG, max=1000) in exc.value.messages
    with pytest.raises(ValidationError):
        send(prescriber, organisation, social_service, phone="12 34")
    trainer = make_member(Role.TRAINER, social_service)
    with pytest.raises(PermissionDenied):
        send(trainer, organisation, social_service)
    assert send(prescriber, organisation, social_service).status == Referral.Status.SENT


@pytest.mark.django_db
def test_accept_creates_the_learner_and_the_prescriber_sees_the_appointment(
    client, coordinator, prescriber, referral
):
    client.force_login(coordinator)
    queue = page_text(client.get(url("referral_queue")))
    assert "Malika Benchekroun" in queue and "Démarches CAF." in queue
    assert "RSA" in queue and "QPV" in queue

    response = client.post(
        url("referral_accept", referral.pk),
        {
            "diagnostic_date": (timezone.localdate() + datetime.timedelta(days=8)).isoformat(),
            "diagnostic_time": "14:30",
            "diagnostic_place": "Espace numérique de la Bastide, salle 2",
            "learner": "",
        },
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    learner = referral.learner
    assert referral.status == Referral.Status.ACCEPTED and referral.decided_by == coordinator
    assert learner.organisation_id == referral.organisation_id
    assert (learner.receives_rsa, learner.lives_in_qpv, learner.is_job_seeker) == (
        True,
        True,
        False,
    )
    assert learner.referred_by == "CCAS de Pessac" and not learner.reads_french
    assert timezone.localtime(referral.diagnostic_at).time() == datetime.time(14, 30)

    client.force_login(prescriber)
    detail = page_text(client.get(url("prescriber_referral", referral.pk)))
    assert "Acceptée" in detail and "14:30" in detail and "salle 2" in detail
    assert "salle 2" in page_text(client.get(url("prescriber_home")))


@pytest.mark.django_db
def test_accept_links_the_learner_already_followed(coordinator, organisation, referral):
    known = make_learner(organisation, "Malika", "Benchekroun", phone="0623456781")
    accepted = referrals.referral_accept(
        actor=coordinator,
        referral_id=referral.pk,
        diagnostic_at=next_week(),
        diagnostic_place="Salle 2",
    )
    assert accepted.learner == known
    known.refresh_from_db()
    assert known.receives_rsa and known.lives_in_qpv and known.referred_by == "CCAS de Pessac"
    assert Learner.objects.count() == 1


@pytest.mark.django_db
def test_accepting_twice_or_after_a_decline_is_refused(
    client, coordinator, prescriber, organisation, social_service, referral
):
    referrals.referral_accept(
        actor=coordinator, referral_id=referral.pk, diagnostic_at=next_week(), diagnostic_place="A"
    )
    with pytest.raises(ValidationError) as exc:
        referrals.referral_accept(
            actor=coordinator,
            referral_id=referral.pk,
            diagnostic_at=next_week(),
            diagnostic_place="B",
        )
    assert exc.value.messages == [message(referrals.REFERRAL_ALREADY_ACCEPTED)]
    with pytest.raises(ValidationError):
        referrals.referral_decline(actor=coordinator, referral_id=referral.pk, reason="Complet")
    assert Learner.objects.count() == 1

    other = send(prescriber, organisation, social_service, first_name="Jean", last_name="Roy")
    referrals.referral_decline(actor=coordinator, referral_id=other.pk, reason="Complet")
    with pytest.raises(ValidationError) as exc:
        referrals.referral_accept(
            actor=coordinator, referral_id=other.pk, diagnostic_at=next_week(), diagnostic_place="A"
        )
    assert exc.value.messages == [message(referrals.REFERRAL_ALREADY_DECLINED)]

    # Through the page (a double submit): the message, and nothing changes.
    client.force_login(coordinator)
    response = client.post(
        url("referral_accept", other.pk),
        {"diagnostic_date": "2099-01-05", "diagnostic_time": "10:00", "diagnostic_place": "A"},
        follow=True,
    )
    assert message(referrals.REFERRAL_ALREADY_DECLINED) in page_text(response)
    other.refresh_from_db()
    assert other.status == Referral.Status.DECLINED and other.learner is None


@pytest.mark.django_db
def test_decline_requires_a_reason_the_prescriber_reads(client, coordinator, prescriber, referral):
    client.force_login(coordinator)
    response = client.post(url("referral_decline", referral.pk), {"reason": "  "})
    assert response.status_code == 400
    assert message(referrals.REFERRAL_REASON_MISSING) in page_text(response)
    with pytest.raises(ValidationError):
        referrals.referral_decline(actor=coordinator, referral_id=referral.pk, reason="")
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SENT

    client.post(url("referral_decline", referral.pk), {"reason": "Plus de place avant juin."})
    referral.refresh_from_db()
    assert referral.status == Referral.Status.DECLINED and referral.decided_by == coordinator
    client.force_login(prescriber)
    text = page_text(client.get(url("prescriber_home")))
    assert "Refusée" in text and "Plus de place avant juin." in text


@pytest.mark.django_db
def test_a_prescriber_sees_only_their_own_referrals(
    client, make_member, prescriber, social_service, referral
):
    colleague = make_member(Role.PRESCRIBER, social_service)
    caf = OrganisationFactory(name="CAF de la Gironde", kind=Organisation.Kind.SOCIAL_SERVICE)
    elsewhere = make_member(Role.PRESCRIBER, caf)
    client.force_login(prescriber)
    assert "Benchekroun" in page_text(client.get(url("prescriber_home")))
    for other in (colleague, elsewhere):
        client.force_login(other)
        assert "Benchekroun" not in page_text(client.get(url("prescriber_home")))
        assert client.get(url("prescriber_referral", referral.pk)).status_code == 404
        assert client.get(url("referral_queue")).status_code == 403
        assert not referrals.prescriber_referrals(actor=other).exists()
    client.logout()
    response = client.get(url("prescriber_referral", referral.pk))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.django_db
def test_a_coordinator_of_another_association_sees_none_and_cannot_decide(
    client, outsider, referral
):
    client.force_login(outsider)
    assert "Benchekroun" not in page_text(client.get(url("referral_queue")))
    data = {"diagnostic_date": "2099-01-05", "diagnostic_time": "10:00", "diagnostic_place": "A"}
    assert client.post(url("referral_accept", referral.pk), data).status_code == 404
    assert client.post(url("referral_decline", referral.pk), {"reason": "Non"}).status_code == 404
    with pytest.raises(PermissionDenied):
        referrals.referral_accept(
            actor=outsider, referral_id=referral.pk, diagnostic_at=next_week(), diagnostic_place="A"
        )
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SENT


@pytest.mark.django_db
def test_only_coordinators_open_the_queue(client, trainer, cpe, funder, prescriber, referral):
    for user in (trainer, cpe, funder, prescriber):
        client.force_login(user)
        assert client.get(url("referral_queue")).status_code == 403
        assert client.post(url("referral_decline", referral.pk), {"reason": "x"}).status_code == 403
    client.logout()
    assert client.get(url("referral_queue")).status_code == 302


@pytest.mark.django_db
def test_the_admin_menu_counts_pending_referrals(client, coordinator, referral):
    client.force_login(coordinator)
    text = page_text(client.get(reverse("wagtailadmin_home")))
    # The sidebar is serialised as JSON, accents escaped.
    assert "Orientations re\\u00e7ues (1)" in text
