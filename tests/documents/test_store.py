"""The document store's queue state, in columns: what a failed hand-over, a fresh document
and a stale one mean, and the migrations that moved the state out of `params` and the resume
schedule to the documents app."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone
from django_q.models import OrmQ, Schedule
from django_q.signing import SignedPackage

from documents import store
from documents.models import GeneratedDocument

QUEUE_STATE = importlib.import_module("documents.migrations.0003_queue_state_from_params")
SCHEDULE = importlib.import_module("documents.migrations.0004_resume_schedule")


def pending(**fields):
    return GeneratedDocument.objects.create(
        key=f"test:{GeneratedDocument.objects.count()}",
        kind="test",
        task="courses.tasks.handout_batch_render",
        task_done=False,
        **fields,
    )


@pytest.mark.django_db
def test_a_document_the_queue_refused_waits_and_is_due_at_once():
    document = pending(queue_failed_at=timezone.now())
    assert document.waits_for_queue
    assert store.document_queue_due(document)


@pytest.mark.django_db
def test_a_fresh_or_just_queued_document_is_not_due_until_it_is_stale():
    fresh, queued = pending(), pending(queued_at=timezone.now())
    later = timezone.now() + datetime.timedelta(seconds=store.document_stale_seconds() + 1)
    for document in (fresh, queued):
        assert not document.waits_for_queue
        assert not store.document_queue_due(document)
        assert store.document_queue_due(document, now=later)


@pytest.mark.django_db
def test_a_document_without_a_task_or_finished_is_never_due():
    later = timezone.now() + datetime.timedelta(days=1)
    plain = GeneratedDocument.objects.create(key="plain", kind="test")
    done = pending(status=GeneratedDocument.Status.READY)
    done.task_done = True
    assert not store.document_queue_due(plain, now=later)
    assert not store.document_queue_due(done, now=later)
    assert store.documents_resume() == 0


@pytest.mark.django_db
def test_a_task_the_queue_refuses_is_noted_and_taken_later(monkeypatch):
    document = pending()

    def unreachable(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(store, "async_task", unreachable)
    assert store.document_enqueue(document) is False
    document.refresh_from_db()
    assert document.waits_for_queue and document.queued_at is None
    handed = []
    monkeypatch.setattr(store, "async_task", lambda task, pk, **options: handed.append((task, pk)))
    assert store.documents_resume() == 1
    assert handed == [("courses.tasks.handout_batch_render", document.pk)]
    document.refresh_from_db()
    assert not document.waits_for_queue and document.queued_at is not None


@pytest.mark.django_db
def test_the_queue_state_leaves_params_for_columns():
    queued = "2026-05-04T10:00:00+00:00"
    rows = {
        "refused": {"task": "a.b", "task_done": False, "queued_at": None},
        "queued": {"task": "a.b", "task_done": False, "queued_at": queued},
        "fresh": {"task": "a.b", "task_done": False},
        "done": {"task": "a.b", "task_done": True, "queued_at": queued},
        "plain": {},
    }
    for key, state in rows.items():
        GeneratedDocument.objects.create(key=key, kind="test", params={"names": [key], **state})
    QUEUE_STATE.params_to_columns(apps, None)
    documents = {d.key: d for d in GeneratedDocument.objects.all()}
    assert all(d.params == {"names": [d.key]} for d in documents.values())
    assert documents["refused"].waits_for_queue and documents["refused"].queued_at is None
    assert documents["queued"].queued_at == datetime.datetime.fromisoformat(queued)
    assert documents["fresh"].queued_at is None and not documents["fresh"].waits_for_queue
    assert [documents[k].task_done for k in rows] == [False, False, False, True, True]
    assert [documents[k].task for k in rows] == ["a.b"] * 4 + [""]

    QUEUE_STATE.columns_to_params(apps, None)
    assert {d.key: d.params for d in GeneratedDocument.objects.all()} == {
        key: {"names": [key], **state} for key, state in rows.items()
    }


@pytest.mark.django_db
def test_the_resume_schedule_and_its_queued_run_follow_the_task_to_documents():
    schedule = Schedule.objects.get(name=SCHEDULE.SCHEDULE_NAME)
    assert schedule.func == "documents.store.documents_resume"
    # A database made before: the row cohorts 0010 created, and a run waiting in the queue.
    Schedule.objects.filter(pk=schedule.pk).update(func=SCHEDULE.OLD_TASK)
    waiting = OrmQ.objects.create(
        key="tremplin", payload=SignedPackage.dumps({"id": "x", "func": SCHEDULE.OLD_TASK})
    )
    SCHEDULE.schedule_create(apps, None)
    SCHEDULE.queued_runs_repoint(apps, None)
    assert list(Schedule.objects.filter(name=SCHEDULE.SCHEDULE_NAME).values_list("pk", "func")) == [
        (schedule.pk, "documents.store.documents_resume")
    ]
    waiting.refresh_from_db()
    assert SignedPackage.loads(waiting.payload)["func"] == "documents.store.documents_resume"
