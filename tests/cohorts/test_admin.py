"""Coordinators manage learners, programmes, groups, sessions and enrolments in the Wagtail
admin; another organisation's coordinator sees and reaches none of it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from wagtail.models import ModelLogEntry
from wagtail.permissions import policy_registry

from accounts.models import Role
from accounts.services import membership_grant
from cohorts.models import Cohort, Enrolment, Learner, Meeting, Programme
from cohorts.permissions import CoordinatorPermissionPolicy
from cohorts.services import learner_enrol, meeting_take_roll
from courses.models import TrackPage
from tests.scoping import page_text

from .factories import make_cohort, make_learner

TRACK_SLUG = "cycle-initiation-numerique"


@pytest.fixture
def programme(organisation, funder_organisation):
    return Programme.objects.create(
        name="Pass numérique des Lilas",
        organisation=organisation,
        funder=funder_organisation,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        target_places=40,
        target_hours=300,
    )


@pytest.fixture
def cohort(organisation, programme):
    return make_cohort(organisation, name="Cycle des Lilas", programme=programme)


@pytest.fixture
def awa(organisation, cohort):
    learner = make_learner(organisation, phone="0601020304", lives_in_qpv=True)
    learner_enrol(cohort=cohort, learner=learner)
    return learner


def url(viewset, view, *args):
    return reverse(f"cohorts_{viewset}:{view}", args=args)


def learner_form(organisation, **fields):
    data = {
        "organisation": str(organisation.pk),
        "first_name": "Mireille",
        "last_name": "Dubois",
        "phone": "0611223344",
        "email": "",
        "birth_year": "1950",
        "gender": "F",
        "language": "fr",
        "reads_french": "on",
        "referred_by": "CCAS",
        "consent_at": "",
        "consent_text": "",
    }
    data.update(fields)
    return data


def cohort_form(organisation, **fields):
    data = {
        "name": "Cycle du jeudi",
        "organisation": str(organisation.pk),
        "track": str(TrackPage.objects.get(slug=TRACK_SLUG).pk),
        "programme": "",
        "venue": "Médiathèque",
        "capacity": "8",
        "starts_on": "2026-03-02",
        "weekday": "3",
        "start_time": "09:30",
        "every_weeks": "1",
    }
    data.update(fields)
    return data


# A coordinator at work in their organisation.


@pytest.mark.django_db
def test_coordinator_lists_and_inspects_learners(client, coordinator, awa):
    client.force_login(coordinator)
    response = client.get(url("learner", "index"))
    assert response.status_code == 200
    text = page_text(response)
    assert "Traoré" in text and "0601020304" in text and "Association des Lilas" in text

    response = client.get(url("learner", "inspect", awa.pk))
    assert response.status_code == 200
    text = page_text(response)
    assert "Awa" in text and "Cycle des Lilas (Inscrit)" in text


@pytest.mark.django_db
def test_coordinator_lists_programmes_cohorts_meetings_and_enrolments(
    client, coordinator, awa, cohort
):
    client.force_login(coordinator)
    for viewset, expected in [
        ("programme", "Pass numérique des Lilas"),
        ("cohort", "Cycle des Lilas"),
        ("meeting", "Salle Jean-Moulin"),
        ("enrolment", "Awa Traoré"),
    ]:
        response = client.get(url(viewset, "index"))
        assert response.status_code == 200, viewset
        assert expected in page_text(response), viewset
    text = page_text(client.get(url("cohort", "index")))
    assert "mardi 14:00, chaque semaine" in text
    assert "Groupes et apprenants" in text  # the admin menu entry


@pytest.mark.django_db
def test_coordinator_creates_a_learner_and_nothing_goes_to_the_shared_audit_log(
    client, coordinator, organisation
):
    client.force_login(coordinator)
    response = client.post(url("learner", "add"), learner_form(organisation))
    assert response.status_code == 302, page_text(response)[:3000]
    learner = Learner.objects.get(last_name="Dubois")
    assert learner.organisation == organisation and learner.birth_year == 1950
    # The site history report is shared by every admin user: no learner's name in it.
    assert not ModelLogEntry.objects.filter(label__contains="Dubois").exists()


@pytest.mark.django_db
def test_coordinator_creates_a_cohort_and_its_meetings_are_generated(
    client, coordinator, trainer, organisation, programme
):
    client.force_login(coordinator)
    response = client.post(
        url("cohort", "add"),
        cohort_form(organisation, programme=str(programme.pk), trainers=[str(trainer.pk)]),
    )
    assert response.status_code == 302, page_text(response)[:3000]

    cohort = Cohort.objects.get(name="Cycle du jeudi")
    assert cohort.programme == programme
    assert list(cohort.trainers.all()) == [trainer]
    sessions = cohort.track.sessions()
    meetings = list(cohort.meetings.order_by("number"))
    assert len(meetings) == sessions.count() > 0
    assert meetings[0].starts_at.date() == datetime.date(2026, 3, 5)  # the first Thursday
    assert meetings[0].room == "Médiathèque"


@pytest.mark.django_db
def test_coordinator_edits_a_learner_and_a_meeting(client, coordinator, awa, cohort):
    client.force_login(coordinator)
    response = client.post(
        url("learner", "edit", awa.pk),
        learner_form(awa.organisation, first_name="Awa", last_name="Traoré", phone="0699"),
    )
    assert response.status_code == 302, page_text(response)[:3000]
    awa.refresh_from_db()
    assert awa.phone == "0699"

    meeting = cohort.meetings.order_by("number").first()
    response = client.post(
        url("meeting", "edit", meeting.pk),
        {
            "cohort": str(cohort.pk),
            "number": str(meeting.number),
            "starts_at": "2026-01-06 15:00",
            "duration_minutes": "90",
            "room": "Salle 2",
            "status": Meeting.Status.CANCELLED,
            "notes": "",
        },
    )
    assert response.status_code == 302, page_text(response)[:3000]
    meeting.refresh_from_db()
    assert (meeting.room, meeting.status) == ("Salle 2", Meeting.Status.CANCELLED)


@pytest.mark.django_db
def test_coordinator_enrols_within_capacity(client, coordinator, organisation, cohort):
    client.force_login(coordinator)
    learners = [make_learner(organisation, first_name=f"P{i}") for i in range(4)]
    for learner in learners[:3]:
        response = client.post(
            url("enrolment", "add"), {"cohort": str(cohort.pk), "learner": str(learner.pk)}
        )
        assert response.status_code == 302, page_text(response)[:3000]
    # Capacity 3: the service says no, the form shows it, nothing is saved.
    response = client.post(
        url("enrolment", "add"), {"cohort": str(cohort.pk), "learner": str(learners[3].pk)}
    )
    assert response.status_code == 200
    assert "Ce groupe est complet" in page_text(response)
    assert cohort.enrolments.count() == 3


@pytest.mark.django_db
def test_a_programme_that_groups_depend_on_is_not_deleted(client, coordinator, programme, cohort):
    client.force_login(coordinator)
    response = client.post(url("programme", "delete", programme.pk))
    assert response.status_code == 302
    assert Programme.objects.filter(pk=programme.pk).exists()


@pytest.mark.django_db
def test_a_group_that_has_met_is_not_deleted(client, coordinator, trainer, cohort, awa):
    cohort.trainers.add(trainer)
    meeting = cohort.meetings.order_by("number").first()
    meeting_take_roll(actor=trainer, meeting_id=meeting.pk, learner_id=awa.pk, mark="present")
    client.force_login(coordinator)
    response = client.post(url("cohort", "delete", cohort.pk))
    assert response.status_code == 302
    assert Cohort.objects.filter(pk=cohort.pk).exists()


@pytest.mark.django_db
def test_the_registered_permission_policy_checks_each_object(coordinator, outsider, awa, cohort):
    for obj in [awa, cohort, cohort.meetings.first(), Enrolment.objects.get(learner=awa)]:
        policy = policy_registry.get_by_type(type(obj), fallback=False)
        assert isinstance(policy, CoordinatorPermissionPolicy)
        assert policy.user_has_permission_for_instance(coordinator, "change", obj)
        assert not policy.user_has_permission_for_instance(outsider, "change", obj)
        assert policy.user_has_permission(outsider, "change")  # same group, other rows
        assert obj in policy.instances_user_has_permission_for(coordinator, "change")
        assert not policy.instances_user_has_permission_for(outsider, "change").exists()
        users = policy.users_with_permission_for_instance("change", obj)
        assert coordinator in users and outsider not in users


# Another organisation's coordinator.


@pytest.mark.django_db
def test_outsider_sees_nothing_of_ours_in_listings_filters_and_exports(
    client, outsider, awa, cohort
):
    client.force_login(outsider)
    for viewset in ["learner", "programme", "cohort", "meeting", "enrolment"]:
        response = client.get(url(viewset, "index"))
        assert response.status_code == 200, viewset
        text = page_text(response)
        for secret in [
            "Traoré",
            "Cycle des Lilas",
            "Pass numérique des Lilas",
            "Association des Lilas",
            "Département de la Gironde",
        ]:
            assert secret not in text, (viewset, secret)
    # Forcing a filter on our organisation or cohort shows nothing either.
    response = client.get(url("learner", "index"), {"organisation": awa.organisation_id})
    assert "Traoré" not in page_text(response)
    response = client.get(url("meeting", "index"), {"cohort": cohort.pk})
    assert "Cycle des Lilas" not in page_text(response)
    response = client.get(url("learner", "index"), {"export": "csv"})
    assert response.status_code == 200
    assert "Traoré" not in b"".join(response.streaming_content).decode()


@pytest.mark.django_db
def test_outsider_reaches_none_of_our_objects_by_url(client, outsider, awa, cohort, programme):
    enrolment = Enrolment.objects.get(learner=awa)
    meeting = cohort.meetings.first()
    objects = {
        "learner": awa,
        "programme": programme,
        "cohort": cohort,
        "meeting": meeting,
        "enrolment": enrolment,
    }
    client.force_login(outsider)
    for viewset, obj in objects.items():
        views = ["edit", "delete", "history", "usage"]
        if viewset == "learner":
            views.append("inspect")
        for view in views:
            response = client.get(url(viewset, view, obj.pk))
            assert response.status_code in (403, 404), (viewset, view, response.status_code)
        response = client.post(url(viewset, "delete", obj.pk))
        assert response.status_code in (403, 404), (viewset, "delete POST")
        assert type(obj).objects.filter(pk=obj.pk).exists()
    response = client.post(
        url("learner", "edit", awa.pk), learner_form(awa.organisation, last_name="Piraté")
    )
    assert response.status_code in (403, 404)
    awa.refresh_from_db()
    assert awa.last_name == "Traoré"


@pytest.mark.django_db
def test_outsider_cannot_choose_our_organisation_programme_or_cohort(
    client, outsider, other_organisation, organisation, programme, cohort, awa
):
    client.force_login(outsider)

    response = client.get(url("cohort", "add"))
    text = page_text(response)
    assert "Association des Lilas" not in text and "Pass numérique des Lilas" not in text

    response = client.post(url("learner", "add"), learner_form(organisation))
    assert response.status_code == 200
    assert not Learner.objects.filter(last_name="Dubois").exists()

    response = client.post(
        url("cohort", "add"), cohort_form(other_organisation, programme=str(programme.pk))
    )
    assert response.status_code == 200
    response = client.post(url("cohort", "add"), cohort_form(organisation))
    assert response.status_code == 200
    assert not Cohort.objects.filter(name="Cycle du jeudi").exists()

    response = client.post(
        url("meeting", "add"),
        {
            "cohort": str(cohort.pk),
            "number": "99",
            "starts_at": "2026-06-01 10:00",
            "duration_minutes": "60",
            "room": "",
            "status": Meeting.Status.PLANNED,
            "notes": "",
        },
    )
    assert response.status_code == 200
    assert not cohort.meetings.filter(number=99).exists()

    theirs = make_learner(other_organisation, first_name="Jeanne")
    response = client.post(
        url("enrolment", "add"), {"cohort": str(cohort.pk), "learner": str(theirs.pk)}
    )
    assert response.status_code == 200
    assert not Enrolment.objects.filter(learner=theirs).exists()


@pytest.mark.django_db
def test_cohort_trainers_are_chosen_among_the_organisation_staff(
    client, coordinator, organisation, trainer, outsider_trainer
):
    client.force_login(coordinator)
    text = page_text(client.get(url("cohort", "add")))
    assert str(trainer) in text and str(outsider_trainer) not in text
    response = client.post(
        url("cohort", "add"), cohort_form(organisation, trainers=[str(outsider_trainer.pk)])
    )
    assert response.status_code == 200
    assert not Cohort.objects.filter(name="Cycle du jeudi").exists()


@pytest.mark.django_db
def test_a_coordinator_of_two_organisations_does_not_mix_them(
    client, make_member, organisation, other_organisation, programme
):
    both = make_member(Role.COORDINATOR, organisation)
    membership_grant(user=both, organisation=other_organisation, role=Role.COORDINATOR)
    client.force_login(both)
    # A programme of the Lilas for a group of the Tilleuls: refused.
    response = client.post(
        url("cohort", "add"), cohort_form(other_organisation, programme=str(programme.pk))
    )
    assert response.status_code == 200
    assert "Ce dispositif est porté par une autre structure." in page_text(response)
    assert not Cohort.objects.exists()


@pytest.mark.django_db
def test_trainers_and_other_roles_do_not_enter_these_admin_views(
    client, make_member, organisation, awa
):
    for role in [Role.TRAINER, Role.TECHNICIAN]:
        member = make_member(role, organisation)
        client.force_login(member)
        for view, args in [("index", ()), ("edit", (awa.pk,)), ("inspect", (awa.pk,))]:
            response = client.get(url("learner", view, *args))
            assert response.status_code in (302, 403), (role, view)
            assert "Traoré" not in page_text(response)


@pytest.mark.django_db
def test_funders_are_the_only_choice_of_funder(client, coordinator, funder_organisation):
    client.force_login(coordinator)
    text = page_text(client.get(url("programme", "add")))
    assert "Département de la Gironde" in text
    assert "Association des Lilas" in text  # as the structure running it
    funder_select = text.split('name="funder"')[1].split("</select>")[0]
    assert "Association des Lilas" not in funder_select


# Listings stay at a fixed number of queries, whatever the number of rows.


def count_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_learner_and_cohort_listings_do_not_grow_with_rows(
    client, coordinator, organisation, django_assert_max_num_queries
):
    client.force_login(coordinator)
    track = TrackPage.objects.get(slug=TRACK_SLUG)

    def add(count, start):
        for i in range(start, start + count):
            learner = make_learner(organisation, first_name=f"Prénom{i}", last_name=f"Nom{i}")
            cohort = Cohort.objects.create(
                organisation=organisation,
                track=track,
                name=f"Groupe {i}",
                venue="Salle",
                starts_on=datetime.date(2026, 1, 5),
                weekday=1,
                start_time=datetime.time(14, 0),
            )
            Enrolment.objects.create(cohort=cohort, learner=learner)

    add(5, 0)
    few = {v: count_queries(client, url(v, "index")) for v in ["learner", "cohort", "meeting"]}
    add(20, 5)
    many = {v: count_queries(client, url(v, "index")) for v in ["learner", "cohort", "meeting"]}
    assert few == many
    for viewset in ["learner", "cohort"]:
        with django_assert_max_num_queries(16):
            client.get(url(viewset, "index"))


@pytest.mark.django_db
def test_import_entry_follows_the_import_page(client, coordinator):
    client.force_login(coordinator)
    text = page_text(client.get(url("learner", "index")))
    try:
        import_url = reverse("cohorts:learner_import")
    except NoReverseMatch:
        assert "Importer des apprenants" not in text
    else:
        assert "Importer des apprenants" in text and import_url in text


@pytest.mark.django_db
def test_csv_export_neutralises_formulas(client, coordinator, organisation):
    make_learner(organisation, first_name="=HYPERLINK(1)", last_name="Zed")
    client.force_login(coordinator)
    response = client.get(url("learner", "index"), {"export": "csv"})
    content = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK(1)" in content
