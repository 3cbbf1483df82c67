"""Learners' exercises: which are open to whom, the exercise page, and the server's checks
on relayed xAPI statements (forged scores, another learner's attempt, replays)."""

import gzip
import json
import re
import uuid

import pytest
from django.contrib.staticfiles import finders
from django.db import IntegrityError, transaction
from django.urls import reverse

from cohorts import exercises, services
from cohorts.models import Attempt, AttemptStatement, ExerciseLaunch
from courses.h5p.addresses import activity_iri
from courses.h5p.packages import activity_store
from courses.models import H5PActivity, SessionPlanPage, TrackPage
from demo import exercises as demo_exercises
from tests.cohorts.factories import make_learner
from tests.courses import h5p_factories
from tests.spaces.learner.test_views import open_space, weeks_ago_cohort

STATEMENTS = reverse("cohorts:learner_exercise_statement")
IRI_PREFIX = "http://testserver/h5p/activites/"


def first_session(slug="cycle-initiation-numerique"):
    track = TrackPage.objects.get(slug=slug)
    return SessionPlanPage.objects.child_of(track).get(number=1)


@pytest.fixture
def activity(db):
    activity = activity_store(
        H5PActivity(title="Reconnaître la souris"), h5p_factories.probe_package()
    )
    activity.session_plans.add(first_session())
    return activity


@pytest.fixture
def cohort(organisation, trainer):
    cohort = weeks_ago_cohort(organisation, capacity=10)
    cohort.trainers.add(trainer)
    return cohort


@pytest.fixture
def awa(organisation, cohort):
    learner = make_learner(organisation, "Awa", "Traoré")
    services.learner_enrol(cohort=cohort, learner=learner)
    return learner


@pytest.fixture
def awa_client(client, trainer, awa):
    open_space(client, trainer, awa)
    return client


def statement(activity, verb="completed", raw=3, maximum=4, question=None, **extra):
    iri = IRI_PREFIX + str(activity.key)
    body = {
        "id": str(uuid.uuid4()),
        "actor": {"name": "anyone"},
        "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}"},
        "object": {"id": iri, "objectType": "Activity"},
        "result": {"score": {"min": 0, "raw": raw, "max": maximum}, "completion": True},
    }
    if question:
        body["object"] = {
            "id": f"{iri}?subContentId={question}",
            "definition": {
                "name": {"fr": f"Question {question}"},
                "extensions": {"http://h5p.org/x-api/h5p-subContentId": question},
            },
        }
        body["context"] = {"contextActivities": {"parent": [{"id": iri}]}}
        body["result"]["response"] = "La souris"
        body["result"]["success"] = raw == maximum
    body.update(extra)
    return body


def send(client, token, payload):
    return client.post(
        STATEMENTS,
        json.dumps({"token": token, "statement": payload}),
        content_type="application/json",
    )


def test_a_learner_finishes_an_exercise_and_each_answer_is_kept(awa_client, awa, activity):
    token = exercises.attempt_token(awa, activity)
    assert (
        send(awa_client, token, statement(activity, "answered", 1, 1, question="q1")).status_code
        == 200
    )
    assert (
        send(awa_client, token, statement(activity, "answered", 0, 1, question="q2")).status_code
        == 200
    )
    response = send(awa_client, token, statement(activity, raw=1, maximum=2))
    assert response.status_code == 200
    body = response.json()
    assert body["finished"] is True
    assert body["message"] == "Résultat enregistré : 1 sur 2."
    assert body["next_token"] != token  # starting over in the same page is a new attempt
    attempt = Attempt.objects.get()
    assert (attempt.learner, attempt.activity, attempt.score, attempt.max_score) == (
        awa,
        activity,
        1,
        2,
    )
    assert attempt.finished_at is not None
    answers = list(
        attempt.statements.exclude(question_key="").values_list("question_key", "success")
    )
    assert answers == [("q1", True), ("q2", False)]


def test_a_score_above_its_maximum_is_refused(awa_client, awa, activity):
    token = exercises.attempt_token(awa, activity)
    response = send(awa_client, token, statement(activity, raw=5, maximum=4))
    assert response.status_code == 400
    assert response.json()["message"] == "Le score dépasse le score maximum."
    negative = send(awa_client, token, statement(activity, raw=-1, maximum=4))
    assert negative.status_code == 400
    assert not Attempt.objects.exists()


def test_a_learner_cannot_post_into_another_learners_attempt(
    client, trainer, organisation, cohort, awa, activity
):
    moussa = make_learner(organisation, "Moussa", "Diallo")
    services.learner_enrol(cohort=cohort, learner=moussa)
    open_space(client, trainer, moussa)
    awa_ticket = exercises.attempt_token(awa, activity)
    response = send(client, awa_ticket, statement(activity))
    assert response.status_code == 403
    assert response.json()["message"] == "Cet essai n'est pas le vôtre."
    assert not Attempt.objects.exists()


def test_a_forged_or_altered_ticket_is_refused(awa_client, awa, activity):
    token = exercises.attempt_token(awa, activity)
    assert send(awa_client, token[:-2] + "xx", statement(activity)).status_code == 400
    assert send(awa_client, "pas-un-jeton", statement(activity)).status_code == 400
    assert not Attempt.objects.exists()


def test_a_replayed_statement_is_refused_and_an_attempt_ends_once(awa_client, awa, activity):
    token = exercises.attempt_token(awa, activity)
    answer = statement(activity, "answered", 1, 1, question="q1")
    assert send(awa_client, token, answer).status_code == 200
    assert send(awa_client, token, answer).status_code == 409  # same statement id
    same_question = statement(activity, "answered", 1, 1, question="q1")
    assert send(awa_client, token, same_question).status_code == 409  # new id, same question
    assert send(awa_client, token, statement(activity, raw=1, maximum=1)).status_code == 200
    again = send(awa_client, token, statement(activity, raw=1, maximum=1))
    assert again.status_code == 409
    assert again.json()["message"] == "Cet essai est déjà terminé."
    assert Attempt.objects.count() == 1
    assert AttemptStatement.objects.count() == 2


def test_a_statement_about_another_exercise_is_refused(awa_client, awa, activity):
    token = exercises.attempt_token(awa, activity)
    other = statement(activity)
    other["object"]["id"] = IRI_PREFIX + str(uuid.uuid4())
    assert send(awa_client, token, other).status_code == 403


def test_an_exercise_outside_the_learners_tracks_is_not_open(awa_client, awa):
    parents = activity_store(H5PActivity(title="Pronote"), h5p_factories.probe_package())
    parents.session_plans.add(first_session("parents-scolarite-college"))
    token = exercises.attempt_token(awa, parents)
    assert send(awa_client, token, statement(parents)).status_code == 403
    page = awa_client.get(reverse("cohorts:learner_exercise", args=[parents.pk]))
    assert page.status_code == 404


def test_verbs_other_than_answered_and_completed_are_ignored(awa_client, awa, activity):
    token = exercises.attempt_token(awa, activity)
    response = send(awa_client, token, statement(activity, "attempted"))
    assert response.status_code == 200
    assert response.json() == {"recorded": False, "finished": False}
    assert not Attempt.objects.exists()


def test_statements_need_a_signed_in_learner_and_csrf(client, awa, activity):
    token = exercises.attempt_token(awa, activity)
    response = send(client, token, statement(activity))
    assert response.status_code == 302  # to the log-in page
    assert not Attempt.objects.exists()


def test_an_inactive_exercise_closes(awa_client, awa, activity):
    activity.is_active = False
    activity.save()
    token = exercises.attempt_token(awa, activity)
    assert send(awa_client, token, statement(activity)).status_code == 403


def test_attempts_of_another_organisation_are_invisible(
    awa, activity, trainer, make_member, other_organisation
):
    Attempt.objects.create(learner=awa, activity=activity, token="t1", started_at=awa.created_at)
    stranger = make_member("trainer", other_organisation)
    assert Attempt.objects.visible_to(trainer).count() == 1
    assert Attempt.objects.visible_to(stranger).count() == 0


def test_the_exercise_list_says_what_is_done(awa_client, awa, activity):
    page = awa_client.get(reverse("cohorts:learner_exercises"))
    text = page.content.decode()
    assert "Reconnaître la souris" in text
    assert "À faire" in text
    token = exercises.attempt_token(awa, activity)
    send(awa_client, token, statement(activity, raw=3, maximum=4))
    text = awa_client.get(reverse("cohorts:learner_exercises")).content.decode()
    assert "Fait : 3 sur 4" in text


def test_the_exercise_page_embeds_the_sandboxed_player(awa_client, activity):
    page = awa_client.get(reverse("cohorts:learner_exercise", args=[activity.pk]))
    html = page.content.decode()
    frame = re.search(r"<iframe[^>]*>", html, re.S).group(0)
    assert 'sandbox="allow-scripts"' in frame
    assert "allow-same-origin" not in html
    assert 'title="Exercice : Reconnaître la souris"' in frame
    assert re.search(r'src="/h5p/[^"]+/jouer/\?lang=fr"', frame)


def exercise_page_weight(client, activity):
    """The learner's page, the player document, every script and stylesheet they load and
    the libraries' own files (the package's media aside), each gzipped as a server would
    send them. Returns (bytes, the static assets loaded)."""
    page = client.get(reverse("cohorts:learner_exercise", args=[activity.pk]))
    html = page.content.decode()
    player_url = re.search(r'src="(/h5p/[^"]+/jouer/[^"]*)"', html).group(1)
    player = client.get(player_url.replace("&amp;", "&"))
    player_html = player.content.decode()
    assets = set(re.findall(r'(?:src|href)="(/static/[^"]+)"', html + player_html))
    # h5p-standalone adds the core player and its stylesheet itself.
    assets |= {"/static/vendor/h5p-standalone/frame.bundle.js"}
    assets |= {"/static/vendor/h5p-standalone/styles/h5p.css"}
    total = len(gzip.compress(page.content)) + len(gzip.compress(player.content))
    for asset in assets:
        path = finders.find(asset.removeprefix("/static/").split("?")[0])
        assert path, asset
        with open(path, "rb") as handle:
            total += len(gzip.compress(handle.read()))
    signed = player_url.split("/")[2]
    for name in ("h5p.json", "content/content.json"):
        total += len(gzip.compress(b"".join(client.get(f"/h5p/{signed}/{name}").streaming_content)))
    for library in activity.libraries.all():
        base = f"/h5p/bibliotheques/{library.directory}/"
        described = json.loads(b"".join(client.get(base + "library.json").streaming_content))
        files = ["library.json"] + [
            item["path"]
            for item in described.get("preloadedJs", []) + described.get("preloadedCss", [])
        ]
        for name in files:
            served = client.get(base + name)
            assert served.status_code == 200, name
            total += len(gzip.compress(b"".join(served.streaming_content)))
    return total, assets


def test_the_exercise_page_weighs_at_most_350_kb_compressed(awa_client, activity):
    total, assets = exercise_page_weight(awa_client, activity)
    assert total < 350 * 1024, total
    assert "woff" not in "".join(sorted(assets))  # no web font is loaded


def test_a_tremplin_exercise_page_weighs_at_most_350_kb_compressed(awa_client):
    """The same with the heaviest of Tremplin's own content types (the hotspot: its
    library plus the shared Tremplin.Exercise shell)."""
    exercise = next(e for e in demo_exercises.demo_packages() if e["kind"] == "hotspot")
    activity = activity_store(H5PActivity(title=exercise["title"]), exercise["package"])
    activity.session_plans.add(first_session())
    total, _assets = exercise_page_weight(awa_client, activity)
    assert activity.libraries.count() == 2
    assert total < 350 * 1024, total


def test_learners_join_a_launch_from_the_qr_code(awa_client, awa, cohort, trainer, activity):
    meeting = cohort.meetings.order_by("starts_at").first()
    launch = exercises.launch_start(meeting, activity, trainer)
    home = awa_client.get(reverse("cohorts:learner_home")).content.decode()
    assert "Votre formateur a lancé l'exercice « Reconnaître la souris »." in home
    assert f'data-read-target="launch-text-{launch.pk}"' in home
    response = awa_client.get(reverse("cohorts:learner_launch_join", args=[launch.pk]))
    assert response["Location"] == (
        reverse("cohorts:learner_exercise", args=[activity.pk]) + f"?lancement={launch.pk}"
    )
    page = awa_client.get(response["Location"])
    token = re.search(r'data-token="([^"]+)"', page.content.decode()).group(1)
    send(awa_client, token, statement(activity, raw=2, maximum=2))
    attempt = Attempt.objects.get()
    assert (attempt.launch, attempt.meeting) == (launch, meeting)
    exercises.launch_stop(launch)
    closed = awa_client.get(reverse("cohorts:learner_launch_join", args=[launch.pk]))
    assert closed.status_code == 404
    assert "Cet exercice est terminé" in closed.content.decode()


def test_the_iri_the_player_uses_is_the_one_the_server_checks(rf, activity):
    assert activity_iri(rf.get("/"), activity) == IRI_PREFIX + str(activity.key)


def test_not_a_number_and_overflowing_values_are_refused_cleanly(awa_client, awa, activity):
    token = exercises.attempt_token(awa, activity)
    forged = json.dumps({"token": token, "statement": statement(activity)}).replace(
        '"raw": 3', '"raw": NaN'
    )
    response = awa_client.post(STATEMENTS, forged, content_type="application/json")
    assert response.status_code == 400
    huge = statement(activity, raw=10**400, maximum=10**400)
    assert send(awa_client, token, huge).status_code == 400
    endless = statement(activity, raw=1, maximum=1)
    endless["result"]["duration"] = "PT" + "9" * 5000 + "S"
    response = send(awa_client, token, endless)
    assert response.status_code == 200
    assert Attempt.objects.get().duration_seconds == 24 * 3600


def test_nothing_is_added_to_a_finished_attempt(awa_client, awa, activity):
    token = exercises.attempt_token(awa, activity)
    assert send(awa_client, token, statement(activity, raw=1, maximum=1)).status_code == 200
    late = send(awa_client, token, statement(activity, "answered", 1, 1, question="q9"))
    assert late.status_code == 409
    assert AttemptStatement.objects.count() == 1


def test_an_attempt_takes_a_bounded_number_of_answers(awa_client, awa, activity, monkeypatch):
    monkeypatch.setattr(exercises, "MAX_STATEMENTS_PER_ATTEMPT", 3)
    token = exercises.attempt_token(awa, activity)
    for number in range(3):
        answer = statement(activity, "answered", 1, 1, question=f"q{number}")
        assert send(awa_client, token, answer).status_code == 200
    extra = send(awa_client, token, statement(activity, "answered", 1, 1, question="q3"))
    assert extra.status_code == 409
    assert extra.json()["message"] == "Trop de réponses pour un seul essai."


def test_only_one_launch_of_an_exercise_runs_at_a_meeting(cohort, trainer, activity):
    meeting = cohort.meetings.order_by("starts_at").first()
    first = exercises.launch_start(meeting, activity, trainer)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExerciseLaunch.objects.create(meeting=meeting, activity=activity)
    assert exercises.launch_start(meeting, activity, trainer) == first
    exercises.launch_stop(first)
    assert exercises.launch_start(meeting, activity, trainer) != first


def test_odd_digits_in_a_launch_number_are_not_a_crash(awa_client, activity):
    url = reverse("cohorts:learner_exercise", args=[activity.pk])
    assert awa_client.get(url + "?lancement=²").status_code == 200
