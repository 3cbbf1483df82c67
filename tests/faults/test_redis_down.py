"""Fault: Redis down. The cache fails open (cms/cache.py): a learner logs in and reads their
page, a trainer opens the meeting and takes the roll. Asking for a document does not fail:
the task waits, the page says so in French, and it is handed to the queue once Redis is back
(documents.store.documents_resume, every 10 minutes)."""

import socket

import pytest
from django.test import Client
from django.urls import reverse
from django_q.conf import Conf

from cms import cache as fail_open
from cohorts import services
from cohorts.models import Attendance
from documents.models import GeneratedDocument
from documents.store import documents_resume
from tests.cohorts.factories import today_cohort
from tests.scoping import page_text

from .helpers import REDIS_URL, finished_cohort, redis_or_skip

DOWN_PORT = 6390  # nothing listens there
DOWN_URL = f"redis://127.0.0.1:{DOWN_PORT}/0"
QUEUE_WAITS = "La file des tâches est momentanément indisponible"


@pytest.fixture
def redis_down(settings, monkeypatch):
    with socket.socket() as probe:
        probe.settimeout(0.5)
        if probe.connect_ex(("127.0.0.1", DOWN_PORT)) == 0:
            pytest.skip(f"something listens on port {DOWN_PORT}")
    options = {"socket_connect_timeout": 0.5, "socket_timeout": 1}
    settings.CACHES = {
        name: {"BACKEND": "cms.cache.FailOpenRedisCache", "LOCATION": DOWN_URL, "OPTIONS": options}
        for name in ("default", "renditions")
    }
    monkeypatch.setattr(fail_open.FailOpenRedisCache, "_down_until", 0.0)
    # The task broker is the same Redis, down too.
    monkeypatch.setattr(Conf, "SYNC", False)
    monkeypatch.setattr(Conf, "ORM", None)
    monkeypatch.setattr(Conf, "REDIS", DOWN_URL)


@pytest.mark.django_db
def test_pages_and_the_roll_call_are_served_without_redis(redis_down, organisation, trainer):
    from django.core.cache import caches

    assert caches["default"].get("anything", "missing") == "missing"  # really down, no error
    cohort = today_cohort(organisation, trainer, learners=2)
    meeting = cohort.meetings.get(number=1)
    learner = cohort.enrolments.first().learner

    # A learner logs in with code and PIN (the log-in brakes count in the cache).
    account, pin = services.learner_give_access(actor=trainer, learner_id=learner.pk)
    learner_client = Client()
    response = learner_client.post("/apprenant/connexion/", {"code": account.code, "pin": pin})
    assert response.status_code == 302
    home = learner_client.get(reverse("cohorts:learner_home"))
    assert home.status_code == 200 and f"Bonjour {learner.first_name}" in page_text(home)

    # The trainer opens today's meeting and takes the roll.
    trainer_client = Client()
    trainer_client.force_login(trainer)
    page = trainer_client.get(reverse("cohorts:meeting", args=[meeting.pk]))
    assert page.status_code == 200
    tap = trainer_client.post(
        reverse("cohorts:meeting_mark", args=[meeting.pk]),
        {"learner": learner.pk, "mark": "present"},
        headers={"hx-request": "true"},
    )
    assert tap.status_code == 200
    assert Attendance.objects.get(meeting=meeting, learner=learner).mark == "present"


@pytest.mark.django_db
def test_a_document_asked_while_redis_is_down_waits_and_leaves_once_it_is_back(
    redis_down, organisation, trainer, client, monkeypatch, django_capture_on_commit_callbacks
):
    cohort, _learners = finished_cohort(organisation, trainer, learners=3)
    client.force_login(trainer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("cohorts:cohort_diplomas", args=[cohort.pk]), follow=True)
    assert response.status_code == 200  # no 500: the diplomas are issued, the PDF waits
    document = GeneratedDocument.objects.get(kind="diploma_batch")
    assert document.status == GeneratedDocument.Status.PENDING and document.waits_for_queue
    last = cohort.meetings.order_by("number").last()
    meeting_page = client.get(reverse("cohorts:meeting", args=[last.pk]))
    assert QUEUE_WAITS in page_text(meeting_page)  # where the trainer lands, in French
    status = client.get(reverse("cohorts:cohort_diplomas_status", args=[cohort.pk]))
    assert QUEUE_WAITS in page_text(status)
    assert 'hx-trigger="every 2s"' in status.content.decode()  # the page keeps following it
    # Asking again while Redis is still down: still no error, still waiting.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(reverse("cohorts:cohort_diplomas", args=[cohort.pk]), follow=True)
    assert again.status_code == 200

    # Redis is back: the schedule hands the task over, once.
    redis = redis_or_skip()
    monkeypatch.setattr(Conf, "REDIS", REDIS_URL)
    assert documents_resume() == 1
    assert redis.llen("django_q:tremplin:q") == 1
    document.refresh_from_db()
    assert not document.waits_for_queue
    assert documents_resume() == 0  # handed over just now: not again
    assert redis.llen("django_q:tremplin:q") == 1
    redis.flushdb()
