"""What the fault tests share: real django-q2 clusters started and killed, Redis if it is
there, a cohort held to its last meeting."""

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from django.conf import settings
from django.utils import timezone

from cohorts import services
from tests.cohorts.factories import make_cohort, make_learner
from tests.documents.test_worker import ROOT, database_url

# Redis of the fault tests: a database number of their own, flushed by them.
REDIS_URL = os.environ.get("FAULTS_REDIS_URL", "redis://127.0.0.1:6379/9")

WORKER_SETTINGS = '''
"""Settings of the clusters started by tests/faults: the test settings, e-mails written to
files (one a message) that can stop before the Nth leaves, and Redis as the broker when
FAULTS_REDIS_URL is set."""

import os
import time
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend

from cms.settings.test import *  # noqa: F403
from cms.settings.test import Q_CLUSTER

EMAIL_BACKEND = "faults_worker_settings.PausingBackend"
MAIL_DIR = Path(os.environ["FAULTS_MAIL_DIR"])
if os.environ.get("FAULTS_REDIS_URL"):
    Q_CLUSTER = {**Q_CLUSTER, "redis": os.environ["FAULTS_REDIS_URL"]}
    Q_CLUSTER.pop("orm", None)


class PausingBackend(BaseEmailBackend):
    """One file per message (Django's file backend may append two to one file)."""

    def send_messages(self, messages):
        pause_after = os.environ.get("FAULTS_PAUSE_AFTER")
        for message in messages:
            if pause_after and len(os.listdir(MAIL_DIR)) >= int(pause_after):
                Path(os.environ["FAULTS_PAUSED"]).touch()  # locked, about to send: kill me
                time.sleep(600)
            (MAIL_DIR / f"{uuid.uuid4().hex}.eml").write_bytes(message.message().as_bytes())
        return len(messages)
'''


def redis_or_skip(url=REDIS_URL):
    """A client of the fault tests' Redis database, emptied; skipped when Redis is not
    running here (never in CI, where it must be)."""
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=5)
    try:
        client.ping()
    except redis.RedisError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis is unreachable at {url} in CI: {error}")
        pytest.skip(f"Redis is unreachable at {url}: {error}")
    client.flushdb()
    return client


class Cluster:
    """`manage.py qcluster` in its own process group, so that SIGKILL takes its workers too."""

    def __init__(self, tmp_path, mail_dir, *, redis_url=None, pause_after=None):
        (tmp_path / "faults_worker_settings.py").write_text(textwrap.dedent(WORKER_SETTINGS))
        self.paused = tmp_path / "paused"
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("FAULTS_", "DJANGO_"))},
            "DJANGO_SETTINGS_MODULE": "faults_worker_settings",
            "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]),
            "TREMPLIN_Q_SYNC": "0",
            "Q_WORKERS": "1",
            "DATABASE_URL": database_url(),
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "FAULTS_MAIL_DIR": str(mail_dir),
            "FAULTS_PAUSED": str(self.paused),
        }
        if redis_url:
            env["FAULTS_REDIS_URL"] = redis_url
        if pause_after is not None:
            env["FAULTS_PAUSE_AFTER"] = str(pause_after)
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "qcluster"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.output = ""

    def kill(self):
        """SIGKILL: no clean shutdown, whatever runs dies where it stands."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        try:
            self.output = self.process.communicate(timeout=30)[0]
        except subprocess.TimeoutExpired:
            self.output = "(no output: the cluster did not die in 30 s)"
        return self.output


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def finished_cohort(organisation, trainer, learners=21, with_email=True):
    """The parents' track (every session required, 6 meetings) held to the end and closed:
    every learner came to everything except the last two, one of whom missed a meeting (a
    certificate) and one who never came (nothing). With 21 learners: 20 documents."""
    today = timezone.localdate()
    cohort = make_cohort(
        organisation,
        slug="parents-scolarite-college",
        starts_on=today,
        weekday=today.weekday(),
        capacity=learners + 5,
    )
    cohort.trainers.add(trainer)
    people = [
        make_learner(
            organisation,
            f"Prénom{index:02d}",
            "Durand",
            email=f"apprenant{index:02d}@example.org" if with_email else "",
        )
        for index in range(learners)
    ]
    for learner in people:
        services.learner_enrol(cohort=cohort, learner=learner)
    *regulars, missed_one, _never = people
    for meeting in cohort.meetings.order_by("number"):
        for learner in regulars:
            services.meeting_take_roll(
                actor=trainer, meeting_id=meeting.pk, learner_id=learner.pk, mark="present"
            )
        mark = "absent" if meeting.number == 2 else "present"
        services.meeting_take_roll(
            actor=trainer, meeting_id=meeting.pk, learner_id=missed_one.pk, mark=mark
        )
        services.meeting_close(actor=trainer, meeting_id=meeting.pk)
    return cohort, people
