"""Session pages for people: the trainer's plan and the learner's summary."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from courses.models import SessionPlanPage, TrackPage
from tests.scoping import page_text


def all_sessions():
    return SessionPlanPage.objects.live().specific().order_by("path")


@pytest.mark.django_db
def test_every_seeded_session_renders_for_the_trainer_and_the_learner(client, trainer):
    client.force_login(trainer)
    sessions = list(all_sessions())
    assert sessions
    for session in sessions:
        trainer_view = client.get(reverse("courses:session_trainer", args=[session.pk]))
        assert trainer_view.status_code == 200, session.title
        html = page_text(trainer_view)
        first_step = session.steps[0].value
        assert first_step["title"] in html and "0 h 00" in html
        learner_view = client.get(session.url)
        assert learner_view.status_code == 200, session.title
        learnt = next(b.value for b in session.handout if b.block_type == "learnt")
        assert learnt[0] in page_text(learner_view)


@pytest.mark.django_db
def test_trainer_view_shows_start_times_and_activity_types(client, trainer):
    session = all_sessions().first()
    client.force_login(trainer)
    html = page_text(client.get(reverse("courses:session_trainer", args=[session.pk])))
    starts, minutes = [], 0
    for block in session.steps:
        starts.append(f"{minutes // 60} h {minutes % 60:02d}")
        minutes += block.value["duration"]
    for start in starts:
        assert start in html
    assert "Imprimer le déroulé" in html


@pytest.mark.django_db
@pytest.mark.parametrize("role_fixture", ["learner", "funder", "cpe", "technician", "prescriber"])
def test_trainer_view_is_for_trainers_and_coordinators(client, request, role_fixture):
    session = all_sessions().first()
    client.force_login(request.getfixturevalue(role_fixture))
    assert client.get(reverse("courses:session_trainer", args=[session.pk])).status_code == 403


@pytest.mark.django_db
def test_trainer_view_anonymous_goes_to_log_in_and_unknown_or_draft_is_404(client, coordinator):
    session = all_sessions().first()
    response = client.get(reverse("courses:session_trainer", args=[session.pk]))
    assert response.status_code == 302
    client.force_login(coordinator)
    assert client.get(reverse("courses:session_trainer", args=[999999])).status_code == 404
    session.unpublish()
    assert client.get(reverse("courses:session_trainer", args=[session.pk])).status_code == 404
    assert client.get(reverse("courses:handout_pdf", args=[session.pk])).status_code == 404


@pytest.mark.django_db
def test_learner_summary_has_read_aloud_and_large_type(client):
    session = all_sessions().first()
    html = client.get(session.url).content.decode()
    assert html.count("data-read-target=") >= 4
    assert 'class="learner"' in html
    assert "/static/cms/js/read-aloud.js" in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html


def first_load_bytes(client, url):
    """HTML plus every stylesheet and script the page links to, as served."""
    response = client.get(url)
    html = response.content.decode()
    total = len(response.content)
    for asset in re.findall(r'(?:href|src)="/static/([^"?]+)', html):
        path = finders.find(asset)
        assert path, asset
        total += Path(path).stat().st_size
    return total


@pytest.mark.django_db
def test_learner_pages_stay_under_100_kb_on_first_load(client):
    urls = ["/parcours/"]
    urls += [track.url for track in TrackPage.objects.live()]
    urls += [session.url for session in all_sessions()]
    heaviest = max(urls, key=lambda url: first_load_bytes(client, url))
    assert first_load_bytes(client, heaviest) < 100_000, heaviest


@pytest.mark.django_db
def test_catalogue_lists_the_tracks_with_their_hours(client):
    html = page_text(client.get("/parcours/"))
    assert "Cycle d'initiation au numérique" in html
    assert "18 h" in html
    assert "Permanence connectée" in html


@pytest.mark.django_db
def test_trainer_finds_every_track_and_session_plan_in_few_queries(
    client, trainer, django_assert_max_num_queries
):
    client.force_login(trainer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("courses:trainer_catalogue"))
    html = page_text(response)
    for track in TrackPage.objects.live():
        assert track.title in html
    for session in all_sessions():
        assert reverse("courses:session_trainer", args=[session.pk]) in html
    assert "Pas de séance fixe" in html  # the permanence
    assert 'href="/formateur/parcours/"' in client.get("/formateur/").content.decode()


@pytest.mark.django_db
def test_trainer_catalogue_is_closed_to_learners_and_funders(client, learner, funder):
    for user in (learner, funder):
        client.force_login(user)
        assert client.get(reverse("courses:trainer_catalogue")).status_code == 403
