"""A batch of handouts made by a real django-q2 worker process, not inline."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django_q.conf import Conf

from courses.models import SessionPlanPage
from courses.services import handout_batch_request
from documents.models import GeneratedDocument

ROOT = Path(__file__).resolve().parent.parent.parent


def database_url():
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_renders_the_batch_once(live_courses, monkeypatch, trainer):
    monkeypatch.setattr(Conf, "SYNC", False)
    session = SessionPlanPage.objects.live().first()
    document = handout_batch_request(
        session=session,
        learner_names=["Samira Benali", "Paul Martin"],
        online_url="https://tremplin.example.org/s",
        requested_by=trainer,
    )
    assert document.status == GeneratedDocument.Status.PENDING

    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE",)},
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "TREMPLIN_Q_SYNC": "0",
        "DATABASE_URL": database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "qcluster"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            document.refresh_from_db()
            if document.status != GeneratedDocument.Status.PENDING:
                break
            time.sleep(0.5)
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0]
    assert document.status == GeneratedDocument.Status.READY, output[-3000:]
    with document.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert document.finished_at is not None
