"""Fault: a worker killed (SIGKILL) in the middle of a ceremony batch of 20 diplomas, then a
new cluster finishes it on retry: one diploma per learner, one e-mail per learner, with the
ORM broker and with Redis."""

import collections
import datetime
import email
import time

import pytest
from django.urls import reverse
from django.utils import timezone
from django_q.conf import Conf
from django_q.models import OrmQ, Schedule

from cohorts.models import Diploma
from cohorts.tasks import diploma_batch_render
from documents.models import GeneratedDocument
from documents.store import documents_resume
from tests.documents.factories import pdf_text

from .helpers import REDIS_URL, Cluster, finished_cohort, redis_or_skip, wait_for

LONG_AGO = datetime.timedelta(hours=2)


def mail_by_address(mail_dir):
    sent = collections.Counter()
    for path in mail_dir.iterdir():
        sent[email.message_from_string(path.read_text())["To"]] += 1
    return sent


@pytest.mark.django_db
def test_pending_documents_are_resumed_every_ten_minutes():
    schedule = Schedule.objects.get(name="Reprise des documents en attente")
    assert (schedule.func, schedule.schedule_type, schedule.minutes, schedule.repeats) == (
        "documents.store.documents_resume",
        Schedule.MINUTES,
        10,
        -1,
    )


@pytest.mark.django_db
def test_each_learner_with_an_address_gets_their_own_page_once(
    organisation, trainer, client, django_capture_on_commit_callbacks, mailoutbox
):
    cohort, learners = finished_cohort(organisation, trainer, learners=4)
    learners[1].email = ""  # no address: printed only
    learners[1].save(update_fields=["email"])
    client.force_login(trainer)
    with django_capture_on_commit_callbacks(execute=True):  # the task runs inline (sync)
        client.post(reverse("cohorts:cohort_diplomas", args=[cohort.pk]))
    document = GeneratedDocument.objects.get(kind="diploma_batch")
    assert document.status == GeneratedDocument.Status.READY and document.task_done
    assert sorted(m.to[0] for m in mailoutbox) == [learners[0].email, learners[2].email]
    diploma = Diploma.objects.get(enrolment__learner=learners[0])
    message = next(m for m in mailoutbox if m.to == [learners[0].email])
    assert message.subject.startswith("Votre diplôme : ")
    assert "Bonjour Prénom00," in message.body and f"/verify/{diploma.code}/" in message.body
    ((filename, pdf, mimetype),) = message.attachments
    assert mimetype == "application/pdf" and filename.startswith("diploma-prenom00")
    text, reader = pdf_text(pdf)
    assert len(reader.pages) == 1 and "Prénom00 DURAND" in text
    certificate = next(m for m in mailoutbox if m.to == [learners[2].email])
    assert certificate.subject.startswith("Votre attestation : ")

    # Run again (a retried task, a second worker): nothing more leaves.
    diploma_batch_render(document.pk)
    GeneratedDocument.objects.filter(pk=document.pk).update(task_done=False)
    diploma_batch_render(document.pk)
    assert len(mailoutbox) == 2
    assert Diploma.objects.filter(emailed_at__isnull=False).count() == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("broker", ["orm", "redis"])
def test_a_worker_killed_mid_batch_finishes_on_retry_without_duplicates(
    broker, live_courses, organisation, trainer, client, monkeypatch, tmp_path
):
    started = time.monotonic()
    monkeypatch.setattr(Conf, "SYNC", False)
    redis = None
    if broker == "redis":
        redis = redis_or_skip()
        monkeypatch.setattr(Conf, "ORM", None)  # this process enqueues into Redis too
        monkeypatch.setattr(Conf, "REDIS", REDIS_URL)
    cohort, learners = finished_cohort(organisation, trainer, learners=21)
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()

    client.force_login(trainer)
    response = client.post(reverse("cohorts:cohort_diplomas", args=[cohort.pk]))
    assert response.status_code == 302
    document = GeneratedDocument.objects.get(kind="diploma_batch")
    assert document.status == GeneratedDocument.Status.PENDING
    assert document.queued_at  # handed to the broker
    issued = dict(Diploma.objects.values_list("enrolment_id", "code"))
    assert len(issued) == 20

    # The first cluster makes the PDF, e-mails 8 learners, takes the 9th row's lock: killed.
    first = Cluster(tmp_path, mail_dir, redis_url=redis and REDIS_URL, pause_after=8)
    try:
        reached = wait_for(first.paused.exists, seconds=60)
    finally:
        output = first.kill()
    assert reached, output[-3000:]
    assert len(list(mail_dir.iterdir())) == 8
    assert Diploma.objects.filter(emailed_at__isnull=False).count() == 8  # the 9th rolled back

    # Retry. ORM broker: the killed task stays in the queue, locked, and is handed out again
    # after Q_CLUSTER["retry"] seconds: age the lock rather than wait. Redis broker: a task
    # taken by a worker is gone from Redis (django-q2 has no acknowledgement); the
    # "Reprise des documents en attente" schedule hands it over again once it is stale.
    if broker == "orm":
        assert OrmQ.objects.count() == 1
        OrmQ.objects.update(lock=timezone.now() - LONG_AGO)
    else:
        assert redis.llen("django_q:tremplin:q") == 0  # lost with the worker
    queued_long_ago = timezone.now() - LONG_AGO
    GeneratedDocument.objects.filter(pk=document.pk).update(queued_at=queued_long_ago)
    assert documents_resume() == 1  # what the schedule runs every 10 minutes
    # The trainer, impatient, asks again: the same document, nothing more queued.
    client.post(reverse("cohorts:cohort_diplomas", args=[cohort.pk]))

    second = Cluster(tmp_path, mail_dir, redis_url=redis and REDIS_URL)
    try:
        done = wait_for(
            lambda: (
                not Diploma.objects.filter(emailed_at__isnull=True).exists()
                and not OrmQ.objects.exists()
                and (redis is None or redis.llen("django_q:tremplin:q") == 0)
            ),
            seconds=90,
        )
        time.sleep(1.5)  # let a wrong second sending happen, if it were to
    finally:
        output = second.kill()
    assert done, output[-3000:]

    # One diploma per learner who came, as issued before the crash; none for who never came.
    assert dict(Diploma.objects.values_list("enrolment_id", "code")) == issued
    assert Diploma.objects.count() == 20
    # One e-mail per learner, each with their own page.
    sent = mail_by_address(mail_dir)
    expected = {learner.email for learner in learners[:20]}
    assert set(sent) == expected, output[-3000:]
    assert set(sent.values()) == {1}, sent
    document.refresh_from_db()
    assert document.status == GeneratedDocument.Status.READY
    with document.file.open("rb") as handle:
        _text, reader = pdf_text(handle.read())
    assert len(reader.pages) == 20
    assert time.monotonic() - started < 120
