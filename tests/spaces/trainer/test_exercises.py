"""The trainer's side of exercises: launching one at a meeting, following it live, stopping
it, the results pages, the preview, and who may see what."""

import datetime
import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cohorts import services
from cohorts.exercises import launch_start
from cohorts.models import Attempt, AttemptStatement, ExerciseLaunch
from courses.h5p.addresses import content_id
from courses.h5p.packages import activity_store
from courses.models import Competence, H5PActivity, SessionPlanPage
from tests.cohorts.factories import make_cohort, make_learner, today_cohort
from tests.courses.h5p_factories import probe_package
from tests.scoping import page_text

pytestmark = pytest.mark.django_db

NOTE = "Les scores sont calculés sur le téléphone de la personne"


def url(name, *args):
    return reverse(f"cohorts:{name}", args=args)


def store(title, session=None, **fields):
    activity = activity_store(H5PActivity(title=title, **fields), probe_package())
    if session is not None:
        activity.session_plans.add(session)
    return activity


@pytest.fixture
def cohort(organisation, trainer):
    return today_cohort(organisation, trainer, learners=3)


@pytest.fixture
def meeting(cohort):
    return cohort.meetings.select_related("session_plan").get(number=1)


@pytest.fixture
def activity(meeting):
    return store("Reconnaître la souris", meeting.session_plan)


@pytest.fixture
def launch(meeting, activity, trainer):
    return launch_start(meeting, activity, trainer)


def learners_of(cohort):
    return [
        e.learner
        for e in cohort.enrolments.select_related("learner").order_by("learner__first_name")
    ]


def make_attempt(
    learner,
    activity,
    *,
    launch=None,
    minutes_ago=5,
    score=None,
    maximum=None,
    duration=None,
    answers=(),
):
    """An attempt as `statement_record` leaves it; finished when a score is given.
    `answers` are (key, label, response, success)."""
    started = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    attempt = Attempt.objects.create(
        learner=learner,
        activity=activity,
        launch=launch,
        meeting=launch.meeting if launch else None,
        token=uuid.uuid4().hex,
        started_at=started,
    )
    for key, label, response, success in answers:
        AttemptStatement.objects.create(
            attempt=attempt,
            statement_id=uuid.uuid4(),
            verb="answered",
            question_key=key,
            question_label=label,
            response=response,
            success=success,
            score=1 if success else 0,
            max_score=1,
        )
    if score is not None:
        AttemptStatement.objects.create(
            attempt=attempt,
            statement_id=uuid.uuid4(),
            verb="completed",
            score=score,
            max_score=maximum,
        )
        attempt.finished_at = started + datetime.timedelta(seconds=duration or 60)
        attempt.score, attempt.max_score = score, maximum
        attempt.duration_seconds = duration
        attempt.save()
    return attempt


def body_rows(table):
    """The text of each body row of a table's HTML, cells joined by ' | '."""
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("<tbody>", 1)[1], re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append(" | ".join(" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in cells))
    return rows


def table_rows(html, css_class):
    return body_rows(re.search(rf'<table class="{css_class}">(.*?)</table>', html, re.S).group(1))


@pytest.fixture
def played(cohort, meeting, activity, launch, trainer):
    """Three learners at the launch: Prénom00 finished twice (the last counts), Prénom01 is
    on it, Prénom02 has not started but is the only one marked present."""
    first, second, third = learners_of(cohort)
    services.meeting_take_roll(
        actor=trainer, meeting_id=meeting.pk, learner_id=third.pk, mark="present"
    )
    make_attempt(
        first,
        activity,
        launch=launch,
        minutes_ago=10,
        score=1,
        maximum=4,
        duration=50,
        answers=[
            ("q1", "<p>Où est la souris ?</p>", "Sous le bureau", False),
            ("q2", "Double-clic", "Non", False),
        ],
    )
    make_attempt(
        first,
        activity,
        launch=launch,
        minutes_ago=5,
        score=3,
        maximum=4,
        duration=95,
        answers=[
            ("q1", "<p>Où est la souris ?</p>", "À droite du clavier", True),
            ("q2", "Double-clic", "Non", False),
        ],
    )
    make_attempt(
        second,
        activity,
        launch=launch,
        minutes_ago=3,
        answers=[
            ("q1", "<p>Où est la souris ?</p>", "À droite du clavier", True),
            ("q2", "Double-clic", "Oui", True),
            ("q3", "Clic droit", "Je ne sais pas", False),
        ],
    )
    # Done alone at home: not part of this launch.
    make_attempt(
        first,
        activity,
        minutes_ago=60 * 24,
        score=2,
        maximum=4,
        duration=200,
        answers=[("q1", "<p>Où est la souris ?</p>", "?", False)],
    )
    return first, second, third


# --- Launching at a meeting ------------------------------------------------------------


def test_the_meeting_page_offers_the_sessions_exercises(client, trainer, meeting, activity):
    withdrawn = store("Exercice retiré", meeting.session_plan, is_active=False)
    client.force_login(trainer)
    text = page_text(client.get(url("meeting", meeting.pk)))
    assert "Exercices de la séance" in text
    assert "Reconnaître la souris" in text and withdrawn.title not in text
    assert f'action="{url("meeting_launch_start", meeting.pk)}"' in text
    assert f'name="activity" value="{activity.pk}"' in text
    assert "Lancer pour le groupe" in text and "csrfmiddlewaretoken" in text
    assert url("exercise_preview", activity.pk) in text


def test_a_double_tap_launches_once_and_leads_to_the_launch_page(
    client, trainer, meeting, activity
):
    client.force_login(trainer)
    locations = set()
    for _tap in range(2):
        response = client.post(url("meeting_launch_start", meeting.pk), {"activity": activity.pk})
        assert response.status_code == 302
        locations.add(response["Location"])
    launch = ExerciseLaunch.objects.get()
    assert (launch.meeting, launch.activity, launch.launched_by) == (meeting, activity, trainer)
    assert locations == {url("meeting_launch", meeting.pk, launch.pk)}
    text = page_text(client.get(url("meeting", meeting.pk)))
    assert url("meeting_launch", meeting.pk, launch.pk) in text and "Suivre le groupe" in text


def test_only_an_active_exercise_of_the_session_can_be_launched(client, trainer, meeting, activity):
    elsewhere = store(
        "Autre séance", SessionPlanPage.objects.exclude(pk=meeting.session_plan_id)[0]
    )
    unlinked = store("Sans séance")
    withdrawn = store("Retiré", meeting.session_plan, is_active=False)
    client.force_login(trainer)
    for chosen in (elsewhere.pk, unlinked.pk, withdrawn.pk, "", "abc"):
        response = client.post(url("meeting_launch_start", meeting.pk), {"activity": chosen})
        assert response.status_code == 404, chosen
    assert client.get(url("meeting_launch_start", meeting.pk)).status_code == 405
    assert not ExerciseLaunch.objects.exists()


# --- Following a launch ----------------------------------------------------------------


def test_the_launch_page_shows_a_qr_code_to_join_and_polls_the_board(
    client, trainer, meeting, launch
):
    client.force_login(trainer)
    response = client.get(url("meeting_launch", meeting.pk, launch.pk))
    text = page_text(response)
    assert "<svg" in text
    assert f"testserver{url('learner_launch_join', launch.pk)}" in text
    assert "Ouvrez Mes exercices ou scannez ce code." in text
    board = url("meeting_launch_board", meeting.pk, launch.pk)
    assert f'hx-get="{board}" hx-trigger="every 3s" hx-swap="outerHTML"' in text
    assert f'action="{url("meeting_launch_stop", meeting.pk, launch.pk)}"' in text
    assert "Arrêter l'exercice" in text
    assert NOTE in text
    assert "0 sur 3 ont fini" in text


def test_the_board_counts_the_latest_attempt_of_each_learner(
    client, trainer, meeting, launch, played
):
    client.force_login(trainer)
    for target in (
        url("meeting_launch", meeting.pk, launch.pk),
        url("meeting_launch_board", meeting.pk, launch.pk),
    ):
        html = page_text(client.get(target))
        assert "1 sur 3 ont fini" in html
        # Present first, then by name; the last attempt of Prénom00 counts (3 / 4 in 95 s).
        assert table_rows(html, "launch-table") == [
            "Prénom02 Durand | Pas commencé | — | —",
            "Prénom00 Durand pas noté présent | Fini | 3 / 4 | 1 min 35 s",
            "Prénom01 Durand pas noté présent | En cours | — | —",
        ]
        # By hand, over the latest attempts in this launch (Prénom00's second, Prénom01's):
        # q1 right twice; q2 wrong then right; q3 wrong once. Home attempts do not count.
        assert table_rows(html, "question-table") == [
            "Où est la souris ? | 2 | 2 | 100 %",
            "Double-clic | 2 | 1 | 50 %",
            "Clic droit | 1 | 0 | 0 %",
        ]


def test_the_board_polls_only_while_the_launch_runs(client, trainer, meeting, launch):
    client.force_login(trainer)
    partial = client.get(url("meeting_launch_board", meeting.pk, launch.pk)).content.decode()
    assert partial.lstrip().startswith('<div id="launch-board"')
    assert 'hx-trigger="every 3s"' in partial
    launch.closed_at = timezone.now()
    launch.save()
    partial = client.get(url("meeting_launch_board", meeting.pk, launch.pk)).content.decode()
    assert "hx-get" not in partial and "hx-trigger" not in partial
    assert "Exercice arrêté à" in partial


def test_stopping_closes_the_launch_and_the_page_stops_offering_it(
    client, trainer, meeting, launch, played
):
    client.force_login(trainer)
    assert client.get(url("meeting_launch_stop", meeting.pk, launch.pk)).status_code == 405
    response = client.post(url("meeting_launch_stop", meeting.pk, launch.pk))
    assert response.status_code == 302
    assert response["Location"] == url("meeting_launch", meeting.pk, launch.pk)
    launch.refresh_from_db()
    assert launch.closed_at is not None and not launch.is_open
    closed_at = launch.closed_at
    client.post(url("meeting_launch_stop", meeting.pk, launch.pk))  # a second tap changes nothing
    launch.refresh_from_db()
    assert launch.closed_at == closed_at
    text = page_text(client.get(response["Location"]))
    assert "<svg" not in text and "Arrêter l'exercice" not in text and "hx-trigger" not in text
    assert "Exercice arrêté à" in text and "1 sur 3 ont fini" in text
    meeting_page = page_text(client.get(url("meeting", meeting.pk)))
    assert "Voir les résultats" in meeting_page and "Suivre le groupe" not in meeting_page
    assert not ExerciseLaunch.objects.open().exists()


def test_a_launch_is_reached_only_under_its_own_meeting(client, trainer, cohort, launch):
    other = cohort.meetings.get(number=2)
    client.force_login(trainer)
    assert client.get(url("meeting_launch", other.pk, launch.pk)).status_code == 404
    assert client.get(url("meeting_launch_board", other.pk, launch.pk)).status_code == 404
    assert client.post(url("meeting_launch_stop", other.pk, launch.pk)).status_code == 404


def _board_queries(client, meeting, launch):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url("meeting_launch_board", meeting.pk, launch.pk)).status_code == 200
    return len(queries)


def _results_queries(client, cohort):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url("cohort_exercises", cohort.pk)).status_code == 200
    return len(queries)


def test_the_board_and_results_queries_do_not_grow_with_the_group(
    client, trainer, organisation, activity, meeting, cohort, launch
):
    cohort.capacity = 20
    cohort.save()

    def play_all():
        for index, learner in enumerate(learners_of(cohort)):
            if not learner.attempts.exists():
                services.meeting_take_roll(
                    actor=trainer, meeting_id=meeting.pk, learner_id=learner.pk, mark="present"
                )
                make_attempt(
                    learner,
                    activity,
                    launch=launch,
                    score=index % 5,
                    maximum=4,
                    duration=30,
                    answers=[("q1", "Q1", "x", index % 2 == 0)],
                )

    client.force_login(trainer)
    play_all()
    small = (_board_queries(client, meeting, launch), _results_queries(client, cohort))
    for index in range(3, 12):
        services.learner_enrol(
            cohort=cohort, learner=make_learner(organisation, f"Prénom{index:02d}", "Durand")
        )
    play_all()
    assert Attempt.objects.filter(launch=launch).count() == 12
    assert "12 sur 12 ont fini" in page_text(
        client.get(url("meeting_launch_board", meeting.pk, launch.pk))
    )
    large = (_board_queries(client, meeting, launch), _results_queries(client, cohort))
    assert large == small
    # Pinned: session, user, roles, the launch, enrolments, marks, attempts, questions;
    # and for the results: session, user, roles, the cohort, sessions, their exercises,
    # enrolments, attempts.
    assert small == (8, 8), small


# --- Results ---------------------------------------------------------------------------


def test_cohort_results_show_the_best_finished_score_and_the_tries(
    client, trainer, cohort, meeting, activity, played
):
    first, second, third = played
    client.force_login(trainer)
    html = page_text(client.get(url("cohort_exercises", cohort.pk)))
    assert NOTE in html
    assert "Séance 1" in html and "Reconnaître la souris" in html
    rows = table_rows(html, "matrix exercise-matrix")
    # Prénom00: 1/4, 3/4 in the launch and 2/4 alone: the best is 3/4, three tries.
    assert rows == [
        "Durand Prénom00 | 3/4 75 % 3 essais",
        "Durand Prénom01 | 1 essai",
        "Durand Prénom02 | —",
    ]
    assert url("learner_exercise_results", first.pk) in html
    dashboard = page_text(client.get(url("cohort", cohort.pk)))
    assert url("cohort_exercises", cohort.pk) in dashboard


def test_learner_results_list_each_attempt_with_its_answers(
    client, trainer, cohort, meeting, activity, played
):
    first = played[0]
    client.force_login(trainer)
    html = page_text(client.get(url("learner_exercise_results", first.pk)))
    assert NOTE in html
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert text.count("Reconnaître la souris") == 3
    assert "Score : 3 / 4 (75 %) · en 1 min 35 s" in text
    assert "Score : 2 / 4 (50 %) · en 3 min 20 s" in text
    assert "en séance 1 (Cycle du mardi)" in text and "seul(e), hors séance" in text
    answers = _answer_rows(html)
    assert "Où est la souris ? | À droite du clavier | Juste" in answers
    assert "Double-clic | Non | Faux" in answers
    assert "Clic droit" not in " ".join(answers)  # another learner's answer
    assert "<p>Où" not in html  # labels lose their markup
    # The newest attempt comes first: the one done in the launch five minutes ago.
    assert text.index("Score : 3 / 4") < text.index("Score : 1 / 4") < text.index("Score : 2 / 4")


def _answer_rows(html):
    return [
        row for table in re.findall(r"<table>(.*?)</table>", html, re.S) for row in body_rows(table)
    ]


def test_competence_page_counts_only_the_attempts_the_user_may_see(
    client, trainer, outsider, other_organisation, meeting, activity, played
):
    competence = Competence.objects.order_by("code").first()
    activity.competences.add(competence)
    # Another organisation's learner, four times right at home.
    stranger = make_learner(other_organisation, "Inès", "Martin")
    make_attempt(stranger, activity, score=4, maximum=4, duration=20)
    make_attempt(stranger, activity, score=4, maximum=4, duration=20)

    client.force_login(trainer)
    html = page_text(client.get(url("exercise_competences")))
    assert NOTE in html
    assert f"{competence.code} {competence.name}" in html
    assert "Reconnaître la souris" in html and meeting.session_plan.title in html
    assert url("exercise_preview", activity.pk) in html
    # Ours: 1/4, 3/4 and 2/4 finished (the one on the way is not) → 3, mean 50 %.
    assert "3 essais terminés · moyenne 50 %" in " ".join(html.split())

    client.force_login(outsider)
    html = " ".join(page_text(client.get(url("exercise_competences"))).split())
    assert "2 essais terminés · moyenne 100 %" in html
    assert "3 essais terminés" not in html

    home = page_text(client.get(url("trainer_home")))
    assert url("exercise_competences") in home and "Exercices par compétence" in home


def test_the_preview_plays_the_exercise_without_recording(client, trainer, activity):
    client.force_login(trainer)
    html = page_text(client.get(url("exercise_preview", activity.pk)))
    player = reverse("h5p_player", args=[content_id(activity)])
    assert f'src="{player}?lang=fr"' in html
    assert 'sandbox="allow-scripts"' in html and 'title="Exercice : Reconnaître la souris"' in html
    assert "Essai : rien n'est enregistré." in html
    assert "exercise.js" not in html and "data-token" not in html
    assert client.get(url("exercise_preview", 999999)).status_code == 404


# --- Access ----------------------------------------------------------------------------


def test_another_organisation_reaches_none_of_it(
    client, outsider_trainer, outsider, cohort, meeting, activity, launch, played
):
    first = played[0]
    gets = [
        url("meeting_launch", meeting.pk, launch.pk),
        url("meeting_launch_board", meeting.pk, launch.pk),
        url("cohort_exercises", cohort.pk),
        url("learner_exercise_results", first.pk),
    ]
    posts = [
        (url("meeting_launch_start", meeting.pk), {"activity": activity.pk}),
        (url("meeting_launch_stop", meeting.pk, launch.pk), {}),
    ]
    for user in (outsider_trainer, outsider):
        client.force_login(user)
        for target in gets:
            assert client.get(target).status_code == 404, target
        for target, data in posts:
            assert client.post(target, data).status_code == 404, target
    launch.refresh_from_db()
    assert launch.is_open and ExerciseLaunch.objects.count() == 1


def test_their_own_cohort_elsewhere_does_not_open_ours(
    client, outsider_trainer, other_organisation, launch, meeting
):
    """A trainer of another organisation, with a launch of their own, still gets a 404 when
    mixing their meeting id with our launch id."""
    theirs = make_cohort(other_organisation)
    theirs.trainers.add(outsider_trainer)
    their_meeting = theirs.meetings.get(number=1)
    client.force_login(outsider_trainer)
    assert client.get(url("meeting", their_meeting.pk)).status_code == 200
    assert client.get(url("meeting_launch", their_meeting.pk, launch.pk)).status_code == 404


def test_learners_and_anonymous_visitors_get_no_trainer_page(
    client, learner, cohort, meeting, activity, launch, played
):
    first = played[0]
    gets = [
        url("meeting_launch", meeting.pk, launch.pk),
        url("meeting_launch_board", meeting.pk, launch.pk),
        url("cohort_exercises", cohort.pk),
        url("learner_exercise_results", first.pk),
        url("exercise_competences"),
        url("exercise_preview", activity.pk),
    ]
    posts = [
        url("meeting_launch_start", meeting.pk),
        url("meeting_launch_stop", meeting.pk, launch.pk),
    ]
    for target in gets + posts:
        response = client.get(target) if target in gets else client.post(target)
        assert response.status_code == 302 and "/login" in response["Location"], target
    client.force_login(learner)
    for target in gets:
        assert client.get(target).status_code == 403, target
    for target in posts:
        assert client.post(target, {"activity": activity.pk}).status_code == 403, target
    launch.refresh_from_db()
    assert launch.is_open and ExerciseLaunch.objects.count() == 1
