"""Funder reports sent on a rhythm: the period, once per period (even across a worker
restart), the files stored once, scoped to the coordinator's organisation."""

import datetime
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_q.conf import Conf
from django_q.models import OrmQ, Schedule
from django_q.tasks import async_task

from cohorts.models import Programme
from reports.models import ReportDelivery, ReportSubscription, period_before
from reports.tasks import deliveries_send
from tests.documents.test_worker import ROOT, database_url
from tests.scoping import (
    assert_nothing_visible_to_anonymous,
    assert_visible_only_to_own_organisation,
)

D = datetime.date
TODAY = D(2026, 4, 10)


@pytest.fixture
def programme(organisation, funder_organisation):
    return Programme.objects.create(
        name="Pass numérique des Lilas",
        organisation=organisation,
        funder=funder_organisation,
        starts_on=D(2025, 1, 1),
        ends_on=D(2027, 12, 31),
    )


@pytest.fixture
def subscription(programme, coordinator):
    return ReportSubscription.objects.create(
        programme=programme,
        recipients="financeur@example.org\n\n  suivi@example.org  \n",
        rhythm=ReportSubscription.Rhythm.QUARTERLY,
        created_by=coordinator,
    )


# The period -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rhythm", "today", "expected"),
    [
        ("monthly", D(2026, 4, 10), (D(2026, 3, 1), D(2026, 3, 31))),
        ("monthly", D(2026, 3, 1), (D(2026, 2, 1), D(2026, 2, 28))),  # first day of a month
        ("monthly", D(2026, 1, 1), (D(2025, 12, 1), D(2025, 12, 31))),  # year boundary
        ("quarterly", D(2026, 4, 10), (D(2026, 1, 1), D(2026, 3, 31))),
        ("quarterly", D(2026, 7, 1), (D(2026, 4, 1), D(2026, 6, 30))),  # first day of a quarter
        ("quarterly", D(2026, 3, 31), (D(2025, 10, 1), D(2025, 12, 31))),  # last day of Q1
        ("quarterly", D(2026, 1, 1), (D(2025, 10, 1), D(2025, 12, 31))),  # year boundary
        ("yearly", D(2026, 6, 15), (D(2025, 1, 1), D(2025, 12, 31))),
        ("yearly", D(2026, 1, 1), (D(2025, 1, 1), D(2025, 12, 31))),
        ("yearly", D(2026, 12, 31), (D(2025, 1, 1), D(2025, 12, 31))),
    ],
)
def test_the_last_complete_period_before_today(rhythm, today, expected):
    assert period_before(rhythm, today) == expected


def test_the_first_run_sends_the_last_complete_period_even_for_a_new_subscription(subscription):
    # Created in April: the first run sends Q1, not a period still running.
    deliveries_send(today=TODAY)
    delivery = ReportDelivery.objects.get()
    assert (delivery.period_start, delivery.period_end) == (D(2026, 1, 1), D(2026, 3, 31))


def test_the_schedule_exists_once(db):
    schedule = Schedule.objects.get(name="Bilans financeurs")
    assert schedule.func == "reports.tasks.deliveries_send"
    assert schedule.schedule_type == Schedule.DAILY
    assert schedule.next_run.astimezone(datetime.UTC).minute == 0


# Once per period ----------------------------------------------------------------------------


def test_running_twice_sends_one_email_with_both_files(subscription):
    assert deliveries_send(today=TODAY) == {"sent": 1, "failed": 0}
    delivery = ReportDelivery.objects.get()
    pdf_name, xlsx_name, generated_at = delivery.pdf.name, delivery.xlsx.name, delivery.generated_at

    assert deliveries_send(today=TODAY) == {"sent": 0, "failed": 0}
    assert deliveries_send(today=TODAY + datetime.timedelta(days=1))["sent"] == 0

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["financeur@example.org", "suivi@example.org"]
    assert "Pass numérique des Lilas" in message.subject
    assert "du 01/01/2026 au 31/03/2026" in message.subject
    names = [name for name, _content, _type in message.attachments]
    assert names == [Path(pdf_name).name, Path(xlsx_name).name]
    assert message.attachments[0][1].startswith(b"%PDF-")
    assert message.attachments[1][1].startswith(b"PK")  # a zip: the XLSX

    delivery.refresh_from_db()
    assert delivery.status == ReportDelivery.Status.SENT and delivery.sent_at is not None
    assert (delivery.pdf.name, delivery.xlsx.name) == (pdf_name, xlsx_name)
    assert delivery.generated_at == generated_at
    assert delivery.recipients == "financeur@example.org\nsuivi@example.org"


def test_the_next_period_is_a_new_delivery(subscription):
    deliveries_send(today=TODAY)
    deliveries_send(today=D(2026, 7, 1))
    assert [(d.period_start, d.period_end) for d in ReportDelivery.objects.order_by("pk")] == [
        (D(2026, 1, 1), D(2026, 3, 31)),
        (D(2026, 4, 1), D(2026, 6, 30)),
    ]
    assert len(mail.outbox) == 2


def test_stored_files_are_not_made_again(subscription, monkeypatch):
    from reports import exports

    deliveries_send(today=TODAY)
    ReportDelivery.objects.update(sent_at=None, status=ReportDelivery.Status.GENERATED)

    def fail(report):
        raise AssertionError("the files were made again")

    monkeypatch.setattr(exports, "pdf", fail)
    monkeypatch.setattr(exports, "xlsx", fail)
    assert deliveries_send(today=TODAY) == {"sent": 1, "failed": 0}


def test_a_failed_sending_is_retried_the_next_day(subscription, monkeypatch):
    from django.core.mail import EmailMessage

    original = EmailMessage.send

    def down(self, fail_silently=False):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailMessage, "send", down)
    assert deliveries_send(today=TODAY) == {"sent": 0, "failed": 1}
    delivery = ReportDelivery.objects.get()
    assert delivery.sent_at is None and delivery.pdf  # the files were kept

    monkeypatch.setattr(EmailMessage, "send", original)
    assert deliveries_send(today=TODAY + datetime.timedelta(days=1))["sent"] == 1
    assert len(mail.outbox) == 1


def test_inactive_subscriptions_and_programmes_outside_the_period_send_nothing(
    subscription, programme
):
    subscription.is_active = False
    subscription.save()
    deliveries_send(today=TODAY)
    subscription.is_active = True
    subscription.save()
    programme.starts_on = D(2026, 4, 1)
    programme.save()
    deliveries_send(today=TODAY)
    assert not ReportDelivery.objects.exists() and not mail.outbox


# Recipients -------------------------------------------------------------------------------


def test_invalid_recipients_are_refused_in_french(programme):
    subscription = ReportSubscription(
        programme=programme, recipients="financeur@example.org\npas-une-adresse\n", rhythm="monthly"
    )
    with pytest.raises(ValidationError) as error:
        subscription.full_clean()
    assert error.value.message_dict["recipients"] == [
        "« pas-une-adresse » n'est pas une adresse e-mail valide (une adresse par ligne)."
    ]
    subscription.recipients = "\n  \n"
    with pytest.raises(ValidationError) as error:
        subscription.full_clean()
    assert error.value.message_dict["recipients"] == ["Indiquez au moins une adresse e-mail."]


def test_the_admin_form_refuses_an_invalid_address(client, coordinator, programme):
    client.force_login(coordinator)
    response = client.post(
        reverse("reports_subscription:add"),
        {
            "programme": str(programme.pk),
            "recipients": "financeur@example\n",
            "rhythm": "monthly",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "n&#x27;est pas une adresse e-mail valide" in response.content.decode()
    assert not ReportSubscription.objects.exists()

    response = client.post(
        reverse("reports_subscription:add"),
        {
            "programme": str(programme.pk),
            "recipients": "financeur@example.org\n",
            "rhythm": "monthly",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert ReportSubscription.objects.get().created_by == coordinator


# Scope ------------------------------------------------------------------------------------


def test_a_coordinator_of_another_organisation_sees_nothing(
    client, subscription, coordinator, outsider, other_organisation, funder_organisation
):
    deliveries_send(today=TODAY)
    delivery = ReportDelivery.objects.get()
    for queryset, objects in (
        (ReportSubscription.objects.all(), [subscription]),
        (ReportDelivery.objects.all(), [delivery]),
    ):
        assert_visible_only_to_own_organisation(
            queryset, member=coordinator, outsider=outsider, objects=objects
        )
        assert_nothing_visible_to_anonymous(queryset)

    # The admin: own lists and files for the coordinator...
    client.force_login(coordinator)
    page = client.get(reverse("reports_subscription:index")).content.decode()
    assert "Pass numérique des Lilas" in page
    page = client.get(reverse("reports_delivery:index")).content.decode()
    download = reverse("reports_delivery:download", args=[delivery.pk, "pdf"])
    assert download in page
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")

    # ...nothing for the other organisation's coordinator, whose form offers only theirs.
    Programme.objects.create(
        name="Programme des Tilleuls",
        organisation=other_organisation,
        funder=funder_organisation,
        starts_on=D(2026, 1, 1),
        ends_on=D(2026, 12, 31),
    )
    client.force_login(outsider)
    page = client.get(reverse("reports_subscription:index")).content.decode()
    assert "Pass numérique des Lilas" not in page
    assert (
        "Pass numérique des Lilas"
        not in client.get(reverse("reports_delivery:index")).content.decode()
    )
    assert client.get(download).status_code == 404
    assert (
        client.get(reverse("reports_delivery:download", args=[delivery.pk, "xlsx"])).status_code
        == 404
    )
    assert (
        client.get(reverse("reports_subscription:edit", args=[subscription.pk])).status_code == 404
    )
    page = client.get(reverse("reports_subscription:add")).content.decode()
    assert "Programme des Tilleuls" in page and "Pass numérique des Lilas" not in page
    response = client.post(
        reverse("reports_subscription:add"),
        {
            "programme": str(subscription.programme_id),
            "recipients": "x@example.org",
            "rhythm": "monthly",
        },
    )
    assert response.status_code == 200
    assert ReportSubscription.objects.count() == 1


# A real worker, killed in the middle -----------------------------------------------------

WORKER_SETTINGS = '''
"""Settings of the workers started by test_delivery: the test settings, with e-mails
written to files (one a message) that can pause before leaving."""

import os
import time
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend as FileBackend

from cms.settings.test import *  # noqa: F403

EMAIL_BACKEND = "reports_worker_settings.PausingBackend"
EMAIL_FILE_PATH = os.environ["REPORTS_TEST_MAIL_DIR"]


class PausingBackend(FileBackend):
    def send_messages(self, messages):
        pause = os.environ.get("REPORTS_TEST_PAUSE")
        if pause:
            Path(pause).touch()  # the files are stored, the e-mail has not left
            time.sleep(600)
        return super().send_messages(messages)
'''


def start_worker(tmp_path, mail_dir, pause=None):
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE",)},
        "DJANGO_SETTINGS_MODULE": "reports_worker_settings",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]),
        "TREMPLIN_Q_SYNC": "0",
        "DATABASE_URL": database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "REPORTS_TEST_MAIL_DIR": str(mail_dir),
    }
    env.pop("REPORTS_TEST_PAUSE", None)
    if pause:
        env["REPORTS_TEST_PAUSE"] = str(pause)
    return subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "qcluster"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: killed with its workers below
    )


def kill(worker):
    os.killpg(worker.pid, signal.SIGKILL)
    return worker.communicate(timeout=30)[0]


def wait_for(condition, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_before_sending_sends_once_after_restart(
    subscription, monkeypatch, tmp_path
):
    monkeypatch.setattr(Conf, "SYNC", False)
    (tmp_path / "reports_worker_settings.py").write_text(textwrap.dedent(WORKER_SETTINGS))
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    paused = tmp_path / "paused"

    async_task("reports.tasks.deliveries_send")
    first = start_worker(tmp_path, mail_dir, pause=paused)
    try:
        reached = wait_for(paused.exists)
    finally:
        output = kill(first)  # SIGKILL: no clean shutdown, the task dies mid-run
    assert reached, output[-3000:]
    delivery = ReportDelivery.objects.get()
    assert delivery.pdf and delivery.xlsx and delivery.sent_at is None
    stored = (delivery.pdf.name, delivery.xlsx.name, delivery.generated_at)
    assert not list(mail_dir.iterdir())

    # The killed task is still in the queue, locked; the broker hands it out again after
    # Q_CLUSTER["retry"] seconds: age the lock rather than wait six minutes. And the next
    # daily run comes too.
    assert OrmQ.objects.count() == 1
    OrmQ.objects.update(lock=timezone.now() - datetime.timedelta(hours=1))
    async_task("reports.tasks.deliveries_send")
    second = start_worker(tmp_path, mail_dir)
    try:
        done = wait_for(
            lambda: (
                not OrmQ.objects.exists()
                and ReportDelivery.objects.filter(sent_at__isnull=False).exists()
            )
        )
        time.sleep(1)  # let a wrong second sending happen, if it were to
    finally:
        output = kill(second)
    assert done, output[-3000:]

    messages = list(mail_dir.iterdir())
    assert len(messages) == 1, output[-3000:]
    text = messages[0].read_text()
    assert "application/pdf" in text and "financeur@example.org" in text
    delivery.refresh_from_db()
    assert delivery.status == ReportDelivery.Status.SENT
    assert (delivery.pdf.name, delivery.xlsx.name, delivery.generated_at) == stored
