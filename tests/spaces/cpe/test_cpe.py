"""The CPE space: enrolling families of the collège, following them, and never seeing the
association's social fields."""

import dataclasses
import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Organisation, Role
from accounts.models import User as UserModel
from cohorts import families, services
from cohorts.models import Diploma, Enrolment, Learner, WaitingListEntry
from demo.accounts import DEMO_PASSWORD
from tests.accounts.factories import OrganisationFactory
from tests.cohorts.factories import make_cohort, make_learner
from tests.scoping import page_text

FAMILY = {
    "first_name": "Khadija",
    "last_name": "Ouali",
    "phone": "06 14 27 38 49",
    "language": "ar",
    "reads_french": "non",
    "child_class": "6e B",
    "reasons": ["pronote", "computer"],
    "reason_other": "",
    "consent": "on",
    "waiting": "on",
}
# What the association keeps for its funders and a CPE must never read, with the labels
# that would give it away.
SOCIAL = {
    "receives_rsa": True,
    "lives_in_qpv": True,
    "is_job_seeker": True,
    "referred_by": "France Travail",
    "household": "Foyer Benali-Traoré",
    "birth_year": 1971,
    "gender": "F",
}
SOCIAL_WORDS = [
    r"\bRSA\b",
    r"\bQPV\b",
    "France Travail",
    "quartier prioritaire",
    "demandeur d'emploi",
    "rienté par",
    "Foyer Benali-Traoré",
    "1971",
    "Femme",
    "année de naissance",
    "foyer",
]


def url(name, *args):
    return reverse(f"cohorts:{name}", args=args)


def parents_cohort(organisation, school, trainer=None, capacity=10, **extra):
    """A parents' cohort meeting at `school`, its first meeting today."""
    today = timezone.localdate()
    cohort = make_cohort(
        organisation,
        slug="parents-scolarite-college",
        name=f"Parents du {school.name}",
        venue=f"{school.name}, salle polyvalente",
        school=school,
        capacity=capacity,
        starts_on=today,
        weekday=today.weekday(),
        **extra,
    )
    if trainer is not None:
        cohort.trainers.add(trainer)
    return cohort


def enrol(cpe, cohort, **overrides):
    fields = {
        "first_name": "Khadija",
        "last_name": "Ouali",
        "phone": "06 14 27 38 49",
        "language": "ar",
        "reads_french": False,
        "child_class": "6e B",
        "reason": "Identifiants Pronote jamais activés",
        "consent": True,
    }
    fields.update(overrides)
    return families.family_enrol(actor=cpe, cohort_id=cohort.pk, **fields)


def plain(response):
    """What a person reads, tags removed and spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", page_text(response)))


def csv_text(response):
    assert response.status_code == 200
    year = families.school_year_of(timezone.localdate())
    expected = f'attachment; filename="familles-{year}-{year + 1}.csv"'
    assert response["Content-Disposition"] == expected
    return b"".join(response.streaming_content).decode("utf-8-sig")


@pytest.fixture
def cohort(organisation, school, trainer):
    return parents_cohort(organisation, school, trainer)


@pytest.fixture
def other_school(db):
    return OrganisationFactory(name="Collège Jean-Jaurès", kind=Organisation.Kind.SCHOOL)


@pytest.fixture
def other_cpe(make_member, other_school):
    return make_member(Role.CPE, other_school)


@pytest.mark.django_db
def test_a_cpe_enrols_a_family_and_the_trainer_sees_it_in_the_roll_call(
    client, cpe, trainer, cohort, organisation, school
):
    client.force_login(cpe)
    home = page_text(client.get(url("cpe_home")))
    assert "Inscrire une famille" in home and url("cpe_family_enrol", cohort.pk) in home
    assert "10 places libres" in plain(client.get(url("cpe_home")))

    form = page_text(client.get(url("cpe_family_enrol", cohort.pk)))
    consent = families.family_consent_text(cohort)
    assert consent in form and organisation.name in consent and school.name in consent
    assert "Identifiants Pronote jamais activés" in form and "liste d'attente" in form

    response = client.post(url("cpe_family_enrol", cohort.pk), FAMILY)
    assert response.status_code == 302 and response["Location"] == url("cpe_home")
    learner = Learner.objects.get(first_name="Khadija", last_name="Ouali")
    assert learner.organisation == organisation  # the association's file, not the school's
    assert (learner.child_class, learner.language, learner.reads_french) == ("6e B", "ar", False)
    assert learner.consent_text == consent and learner.consent_at is not None
    assert not (learner.receives_rsa or learner.lives_in_qpv) and learner.referred_by == ""
    enrolment = Enrolment.objects.get(cohort=cohort, learner=learner)
    assert enrolment.enrolled_by == cpe
    assert enrolment.reason == "Identifiants Pronote jamais activés, Pas d'ordinateur à la maison"

    home = page_text(client.get(url("cpe_home")))
    assert "est inscrit(e) dans le groupe" in home
    assert "Ouali Khadija" in home and "6e B" in home and "0 / 0 séance" in home
    assert "9 places libres" in plain(client.get(url("cpe_home")))

    client.force_login(trainer)
    roll = page_text(client.get(url("meeting", cohort.meetings.get(number=1).pk)))
    assert "Khadija" in roll and "Ouali" in roll


@pytest.mark.django_db
def test_consent_is_required_and_the_form_keeps_what_was_typed(client, cpe, cohort):
    client.force_login(cpe)
    data = {**FAMILY, "consent": "", "reasons": ["pronote"], "reason_other": ""}
    data.pop("consent")
    response = client.post(url("cpe_family_enrol", cohort.pk), data)
    assert response.status_code == 400
    text = page_text(response)
    assert families.FAMILY_CONSENT_MISSING in text and 'role="alert"' in text
    assert 'value="Khadija"' in text and 'value="06 14 27 38 49"' in text
    assert 'value="pronote" id="id_reasons_0" checked' in text
    assert not Learner.objects.exists()
    with pytest.raises(ValidationError) as error:
        enrol(cpe, cohort, consent=False)
    assert families.FAMILY_CONSENT_MISSING in error.value.messages
    assert not Learner.objects.exists()


@pytest.mark.django_db
def test_the_form_asks_for_a_reason_a_class_and_a_phone(client, cpe, cohort):
    client.force_login(cpe)
    data = {**FAMILY, "child_class": " ", "phone": "pas de tél"}
    data.pop("reasons")
    text = page_text(client.post(url("cpe_family_enrol", cohort.pk), data))
    assert "Cochez au moins une raison." in text
    assert not Learner.objects.exists()
    data["reasons"] = ["other"]
    data["reason_other"] = "Famille arrivée en cours d'année"
    response = client.post(url("cpe_family_enrol", cohort.pk), data)
    assert response.status_code == 400
    text = page_text(response)
    assert families.FAMILY_PHONE_INVALID in text and families.FAMILY_CLASS_MISSING in text
    data.update(child_class="5e A", phone="07 62 41 85 20")
    assert client.post(url("cpe_family_enrol", cohort.pk), data).status_code == 302
    assert Enrolment.objects.get().reason == "Famille arrivée en cours d'année"


@pytest.mark.django_db
def test_a_full_cohort_puts_the_family_on_the_waiting_list_or_says_so(
    client, cpe, organisation, school
):
    cohort = parents_cohort(organisation, school, capacity=1)
    services.learner_enrol(cohort=cohort, learner=make_learner(organisation))
    client.force_login(cpe)
    assert "Complet" in page_text(client.get(url("cpe_home")))

    refused = client.post(url("cpe_family_enrol", cohort.pk), {**FAMILY, "waiting": ""})
    assert refused.status_code == 400
    assert services.COHORT_FULL % {"capacity": 1} in page_text(refused)
    assert not Learner.objects.filter(first_name="Khadija").exists()  # nothing half-done

    response = client.post(url("cpe_family_enrol", cohort.pk), FAMILY)
    assert response.status_code == 302
    entry = WaitingListEntry.objects.get(cohort=cohort)
    assert entry.learner.first_name == "Khadija" and entry.added_by == cpe
    assert "Identifiants Pronote" in entry.reason
    assert not Enrolment.objects.filter(learner=entry.learner).exists()
    home = page_text(client.get(url("cpe_home")))
    assert "est sur sa liste d'attente" in home and "1 famille en liste d'attente" in home
    assert "Liste d'attente" in home and "Ouali" in home

    # Asked again, the family keeps its place; once a place frees up, it is enrolled.
    assert enrol(cpe, cohort, waiting=True) == entry
    Enrolment.objects.filter(cohort=cohort).update(status=Enrolment.Status.DROPPED)
    enrolment = enrol(cpe, cohort, reason="")
    assert isinstance(enrolment, Enrolment) and "Identifiants Pronote" in enrolment.reason
    assert not WaitingListEntry.objects.exists()


@pytest.mark.django_db
def test_a_family_already_known_is_not_duplicated(client, cpe, cohort, organisation):
    first = enrol(cpe, cohort)
    again = enrol(cpe, cohort, first_name="khadija ", last_name="OUALI", phone="0614273849")
    assert again == first
    assert Learner.objects.count() == 1 and Enrolment.objects.count() == 1
    # A homonym with another phone is another family.
    enrol(cpe, cohort, phone="07 00 00 00 01")
    assert Learner.objects.count() == 2
    # A person the association already follows keeps their file and their social fields.
    known = make_learner(organisation, "Mamadou", "Sow", phone="07 81 22 34 56", **SOCIAL)
    enrol(cpe, cohort, first_name="Mamadou", last_name="Sow", phone="07 81 22 34 56")
    known.refresh_from_db()
    assert known.receives_rsa and known.child_class == "6e B" and known.consent_at
    assert Learner.objects.count() == 3


@pytest.mark.django_db
def test_a_cpe_of_another_school_sees_nothing_and_cannot_enrol(
    client, cpe, other_cpe, cohort, organisation
):
    enrol(cpe, cohort)
    client.force_login(other_cpe)
    home = page_text(client.get(url("cpe_home")))
    assert "Ouali" not in home and cohort.name not in home
    assert "Aucun groupe du parcours parents" in home
    export = csv_text(client.get(url("cpe_families_csv")))
    assert "Ouali" not in export and len(export.strip().splitlines()) == 1
    assert client.get(url("cpe_family_enrol", cohort.pk)).status_code == 404
    data = {**FAMILY, "first_name": "Intrus"}
    assert client.post(url("cpe_family_enrol", cohort.pk), data).status_code == 404
    assert client.get(url("cpe_family_enrol", 999999)).status_code == 404
    with pytest.raises(PermissionDenied):
        enrol(other_cpe, cohort, first_name="Intrus")
    assert not Learner.objects.filter(first_name="Intrus").exists()
    assert families.cpe_families(actor=other_cpe) == []
    assert families.cpe_cohorts(actor=other_cpe) == []


@pytest.mark.django_db
def test_a_cpe_whose_membership_ended_sees_nothing(client, cpe, cohort):
    enrol(cpe, cohort)
    cpe.memberships.update(is_active=False)
    assert families.cpe_families(actor=cpe) == []
    with pytest.raises(PermissionDenied):
        enrol(cpe, cohort, first_name="Autre")


@pytest.mark.django_db
def test_a_cpe_never_reads_rsa_qpv_or_other_social_fields(client, cpe, cohort, organisation):
    for index in range(3):
        learner = make_learner(
            organisation, f"Parent{index}", "Lefèvre", phone=f"06 45 10 20 3{index}", **SOCIAL
        )
        services.learner_enrol(cohort=cohort, learner=learner)
    client.force_login(cpe)
    home = page_text(client.get(url("cpe_home")))
    export = csv_text(client.get(url("cpe_families_csv")))
    assert "Lefèvre Parent0" in home and "Lefèvre;Parent0" in export
    for text in (home, export):
        for word in SOCIAL_WORDS:
            assert not re.search(word, text, re.IGNORECASE if word.islower() else 0), word
    # By construction: the rows carry no social field at all.
    fields = {field.name for field in dataclasses.fields(families.Family)}
    assert not fields & {
        "receives_rsa",
        "lives_in_qpv",
        "is_job_seeker",
        "referred_by",
        "household",
        "birth_year",
        "gender",
        "email",
        "learner",
    }


@pytest.mark.django_db
def test_attendance_drop_outs_diploma_and_export(client, cpe, trainer, cohort, organisation):
    awa = enrol(cpe, cohort, first_name="Awa", last_name="Diallo", phone="06 11 11 11 11")
    rachid = enrol(cpe, cohort, first_name="Rachid", last_name="Amrani", phone="06 22 22 22 22")
    evil = enrol(cpe, cohort, first_name="=HYPERLINK(1)", last_name="Zed", phone="+33 6 33 33 33")
    meeting = cohort.meetings.get(number=1)
    for enrolment, mark in ((awa, "present"), (rachid, "absent"), (evil, "late")):
        services.meeting_take_roll(
            actor=trainer,
            meeting_id=meeting.pk,
            learner_id=enrolment.learner_id,
            mark=mark,
            late_minutes=10,
        )
    Enrolment.objects.filter(pk=rachid.pk).update(
        status=Enrolment.Status.DROPPED, drop_reason="Horaires de travail"
    )
    Diploma.objects.create(
        enrolment=awa,
        kind=Diploma.Kind.DIPLOMA,
        code="TEST00001",
        first_name="Awa",
        last_name="Diallo",
        track_title="Parents",
        organisation_name=organisation.name,
        attended_minutes=120,
        planned_minutes=120,
        issued_on=datetime.date(2026, 1, 6),
    )
    rows = {f.first_name: f for f in families.cpe_families(actor=cpe)}
    assert families.cpe_families(actor=cpe)[0].first_name == "Rachid"  # to call first
    assert (rows["Awa"].meetings_attended, rows["Awa"].meetings_held) == (1, 1)
    assert rows["Awa"].diploma and not rows["Rachid"].diploma
    assert rows["Rachid"].dropped and rows["Rachid"].drop_reason == "Horaires de travail"
    assert not rows["Awa"].device_handed_over and rows["Awa"].status == "active"

    client.force_login(cpe)
    home = page_text(client.get(url("cpe_home")))
    assert home.index("Familles à rappeler") < home.index("Amrani") < home.index("Diallo")
    assert 'href="tel:0622222222"' in home and "Horaires de travail" in home
    assert "1 / 1 séance" in home and "0 / 1 séance" in home
    export = csv_text(client.get(url("cpe_families_csv")))
    lines = export.splitlines()
    assert lines[0].startswith("Nom;Prénom;Téléphone;Classe de l'enfant")
    assert lines[1].startswith("Amrani;Rachid;06 22 22 22 22;6e B;Arabe;non")
    assert "Abandon;Horaires de travail;0;1" in lines[1]
    assert "Zed;'=HYPERLINK(1);'+33 6 33 33 33" in export
    assert "Diallo;Awa" in export and ";oui;" in lines[2]


@pytest.mark.django_db
def test_other_roles_are_refused_the_cpe_pages(
    client, cohort, trainer, coordinator, prescriber, funder
):
    pages = [url("cpe_home"), url("cpe_family_enrol", cohort.pk), url("cpe_families_csv")]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302 and "login" in response["Location"], page
    for user in (trainer, coordinator, prescriber, funder):
        client.force_login(user)
        for page in pages:
            assert client.get(page).status_code == 403, (user, page)
        assert client.post(pages[1], FAMILY).status_code == 403
    assert not Learner.objects.exists()


@pytest.mark.django_db
def test_the_cpe_home_runs_a_fixed_number_of_queries(client, cpe, trainer, cohort, organisation):
    cohort.capacity = 30
    cohort.save()
    meeting = cohort.meetings.get(number=1)

    def add_families(start, count):
        for index in range(start, start + count):
            enrolment = enrol(
                cpe, cohort, first_name=f"Parent{index:02d}", phone=f"06 00 00 00 {index:02d}"
            )
            services.meeting_take_roll(
                actor=trainer,
                meeting_id=meeting.pk,
                learner_id=enrolment.learner_id,
                mark="present",
            )

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("cpe_home")).status_code == 200
        return len(queries)

    client.force_login(cpe)
    add_families(0, 5)
    few = count()
    add_families(5, 15)
    assert count() == few == 8


@pytest.mark.django_db
def test_the_demo_cpe_enrols_a_family_seen_in_the_trainers_roll_call(client):
    call_command("load_demo", quiet_accounts=True)
    assert client.login(username="sophie.durand", password=DEMO_PASSWORD)
    home = page_text(client.get(url("cpe_home")))
    assert "Ouali Khadija" in home and "Amrani Rachid" in home  # Rachid dropped out
    assert "Mansouri" in home and "Complet" in home
    assert "2 places libres" in plain(client.get(url("cpe_home")))
    parents = families.cpe_cohort_get(
        actor=UserModel.objects.get(username="sophie.durand"),
        cohort_id=Learner.objects.get(last_name="Ouali").enrolments.get().cohort_id,
    )
    assert parents.name == "Parents du collège Jasmin"
    response = client.post(
        url("cpe_family_enrol", parents.pk),
        {**FAMILY, "first_name": "Yasmina", "last_name": "Cherki", "phone": "06 58 69 70 81"},
    )
    assert response.status_code == 302
    client.logout()
    assert client.login(username="karim.benali", password=DEMO_PASSWORD)
    today = parents.meetings.get(starts_at__date=timezone.localdate())
    roll = page_text(client.get(url("meeting", today.pk)))
    assert "Yasmina" in roll and "Cherki" in roll


@pytest.mark.django_db
def test_the_cpe_page_shows_one_school_year_and_earlier_ones_on_demand(
    client, cpe, cohort, organisation, school
):
    today = timezone.localdate()
    year = families.school_year_of(today)
    last_year = make_cohort(
        organisation,
        slug="parents-scolarite-college",
        name="Parents de l'an dernier",
        venue=f"{school.name}, salle polyvalente",
        school=school,
        capacity=10,
        starts_on=datetime.date(year - 1, 10, 5),
        weekday=0,
    )
    enrol(cpe, cohort, first_name="Khadija", last_name="Ouali")
    enrol(cpe, last_year, first_name="Marc", last_name="Dupuis", phone="06 98 76 54 32")
    client.force_login(cpe)

    text = plain(client.get(url("cpe_home")))
    assert f"Année scolaire {year}-{year + 1}" in text
    assert "Ouali Khadija" in text and "Dupuis" not in text
    assert "Année suivante" not in text

    earlier = plain(client.get(url("cpe_home"), {"annee": year - 1}))
    assert f"Année scolaire {year - 1}-{year}" in earlier
    assert "Dupuis Marc" in earlier and "Ouali" not in earlier
    assert "Année suivante" in earlier
    export = b"".join(
        client.get(url("cpe_families_csv"), {"annee": year - 1}).streaming_content
    ).decode("utf-8-sig")
    assert "Dupuis" in export and "Ouali" not in export
    # A year not begun yet, or not a year at all, gives the current one.
    for asked in (str(year + 1), "deux-mille", "1999"):
        assert "Ouali Khadija" in plain(client.get(url("cpe_home"), {"annee": asked}))
