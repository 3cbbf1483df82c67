"""A coordinator builds a track in the Wagtail admin; wrong plans are refused in French."""

import json

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from courses.models import Competence, SessionPlanPage, TrackPage
from tests.scoping import page_text


def track_form(**overrides):
    data = {
        "title": "Découvrir la tablette",
        "slug": "decouvrir-la-tablette",
        "audience": "seniors",
        "level": "beginner",
        "format": "group_cycle",
        "summary": "Deux séances pour les seniors qui reçoivent une tablette.",
        "learner_intro": "Vous apprenez à vous servir de votre tablette.",
        "completion_rule": "attendance_share",
        "completion_min_percent": "80",
    }
    data.update(overrides)
    return nested_form_data(data)


def session_form(number, durations, *, title=None, duration=120, **extra):
    competence = Competence.objects.get(code="B.4")
    data = {
        "title": title or f"Séance {number}",
        "slug": f"seance-{number}",
        "number": str(number),
        "duration_minutes": str(duration),
        "objectives": "Allumer la tablette\nToucher et glisser",
        "steps": streamfield(
            [
                (
                    "step",
                    {
                        "title": f"Étape {i + 1}",
                        "duration": str(minutes),
                        "activity": "guided_practice",
                        "instructions": "Montrez, puis faites faire à chacun.",
                        "materials": "",
                    },
                )
                for i, minutes in enumerate(durations)
            ]
        ),
        "vocabulary": streamfield(
            [("term", {"term": "Tablette", "definition": "Un grand écran tactile."})]
        ),
        "handout": streamfield([("tip", "Rechargez la tablette chaque soir.")]),
    }
    data = nested_form_data(data)
    data["competences"] = [str(competence.pk)]
    data.update(extra)
    return data


def add_url(app_model, parent):
    app, model = app_model.lower().split(".")
    return reverse("wagtailadmin_pages:add", args=[app, model, parent.pk])


@pytest.fixture
def admin_client(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.mark.django_db
def test_coordinator_creates_a_track_with_two_sessions_and_publishes_it(admin_client, catalogue):
    response = admin_client.post(add_url("courses.TrackPage", catalogue), track_form())
    assert response.status_code == 302, page_text(response)[:3000]
    track = TrackPage.objects.get(slug="decouvrir-la-tablette")
    assert not track.live

    for number in (1, 2):
        response = admin_client.post(
            add_url("courses.SessionPlanPage", track),
            {**session_form(number, [30, 15, 60, 15]), "action-publish": "action-publish"},
        )
        assert response.status_code == 302, page_text(response)[:3000]

    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[track.pk]),
        {**track_form(), "action-publish": "action-publish"},
    )
    assert response.status_code == 302, page_text(response)[:3000]
    track.refresh_from_db()
    assert track.live
    assert track.total_hours_display == "4 h"
    assert [s.number for s in track.sessions()] == [1, 2]
    assert admin_client.get(track.url).status_code == 200


@pytest.mark.django_db
def test_steps_that_do_not_add_up_are_refused_in_french(admin_client, catalogue):
    track = TrackPage.objects.get(slug="cycle-initiation-numerique")
    count = SessionPlanPage.objects.count()
    response = admin_client.post(
        add_url("courses.SessionPlanPage", track),
        {**session_form(10, [30, 60], duration=120), "action-publish": "action-publish"},
    )
    assert response.status_code == 200
    html = page_text(response)
    message = "Les étapes durent 90 minutes en tout, mais la séance dure 120 minutes."
    # The StreamField shows its errors from JSON that Wagtail's editor script renders.
    assert json.dumps(message)[1:-1] in html
    assert "La page ne peut être créée du fait d'erreurs de validation." in html
    assert 'value="Séance 10"' in html  # what was typed is kept
    assert SessionPlanPage.objects.count() == count


@pytest.mark.django_db
def test_session_numbers_have_no_gap_and_no_duplicate(admin_client):
    track = TrackPage.objects.get(slug="cycle-initiation-numerique")
    gap = admin_client.post(add_url("courses.SessionPlanPage", track), session_form(12, [120]))
    assert "le numéro de cette séance doit être entre 1 et 10" in page_text(gap)
    duplicate = admin_client.post(add_url("courses.SessionPlanPage", track), session_form(3, [120]))
    assert "La séance n° 3 existe déjà dans ce parcours." in page_text(duplicate)
    assert track.sessions().count() == 9


@pytest.mark.django_db
def test_a_group_cycle_cannot_be_published_without_a_session(admin_client, catalogue):
    response = admin_client.post(
        add_url("courses.TrackPage", catalogue),
        {**track_form(), "action-publish": "action-publish"},
    )
    assert response.status_code == 200
    assert "Un cycle ou un atelier publié a au moins une séance publiée." in page_text(response)
    assert not TrackPage.objects.filter(slug="decouvrir-la-tablette").exists()


@pytest.mark.django_db
def test_individual_help_is_published_without_session(admin_client, catalogue):
    response = admin_client.post(
        add_url("courses.TrackPage", catalogue),
        {
            **track_form(format="individual_help", completion_rule="none", slug="aide-tablette"),
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302
    assert TrackPage.objects.get(slug="aide-tablette").live


@pytest.mark.django_db
def test_trainers_and_funders_cannot_edit_courses(client, trainer, funder):
    track = TrackPage.objects.get(slug="cycle-initiation-numerique")
    for user in (trainer, funder):
        client.force_login(user)
        response = client.get(reverse("wagtailadmin_pages:edit", args=[track.pk]))
        assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_a_revoked_coordinator_loses_the_admin(client, coordinator, organisation):
    from accounts.services import membership_revoke

    membership_revoke(user=coordinator, organisation=organisation, role="coordinator")
    client.force_login(coordinator)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_the_admin_explorer_lists_tracks_with_their_totals(admin_client, catalogue):
    html = page_text(admin_client.get(reverse("wagtailadmin_explore", args=[catalogue.pk])))
    assert "Cycle d'initiation au numérique — 18 h" in html
    assert "— 32 h" in html and "— 24 h" in html and "— 16 h" in html
    assert "Permanence connectée — Aide individuelle" in html
    track = TrackPage.objects.get(slug="cycle-initiation-numerique")
    sessions = page_text(admin_client.get(reverse("wagtailadmin_explore", args=[track.pk])))
    assert "1. " in sessions and "(2 h)" in sessions
