"""The embedded SQLite default under load: ten writer processes and a real django-q2 worker
share one database file for a minute (WAL, busy timeout and IMMEDIATE transactions from
cms.settings.base), and nobody ever sees "database is locked".

SQLITE_STRESS_SECONDS shortens the run while developing; CI keeps the default 60 s.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.cms.sqlite_writer import TASK_FIRST_NAME, writer_first_name

ROOT = Path(__file__).resolve().parent.parent.parent
WRITERS = 10
SECONDS = float(os.environ.get("SQLITE_STRESS_SECONDS", "60"))
TASK_FUNC = "tests.cms.sqlite_writer.task_record"

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the embedded SQLite default only"
)

# The test settings, with tasks queued (not run inline), every result kept, no schedules.
STRESS_SETTINGS = """
from cms.settings.test import *  # noqa: F403
from cms.settings.test import Q_CLUSTER

Q_CLUSTER = {**Q_CLUSTER, "sync": False, "save_limit": 0, "workers": 2, "scheduler": False}
"""


def start(args, env, log, **kwargs):
    return subprocess.Popen(  # noqa: S603
        args,
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, killed as a whole below
        **kwargs,
    )


def stop(process, sig=signal.SIGTERM, wait=30):
    if process.poll() is None:
        try:
            os.killpg(process.pid, sig)
            process.wait(timeout=wait)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=wait)


def query(database, sql, *params):
    with sqlite3.connect(database, timeout=30) as db:
        return db.execute(sql, params).fetchone()[0]


def test_ten_writers_and_a_worker_share_the_sqlite_file(tmp_path):
    database = tmp_path / "stress.sqlite3"
    (tmp_path / "sqlite_stress_settings.py").write_text(textwrap.dedent(STRESS_SETTINGS))
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE",)},
        "DJANGO_SETTINGS_MODULE": "sqlite_stress_settings",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]),
        "DATABASE_URL": f"sqlite:///{database}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "H5P_ROOT": str(tmp_path / "h5p"),
        "TREMPLIN_Q_SYNC": "0",
    }
    env.pop("REDIS_URL", None)
    manage = [sys.executable, "manage.py"]
    ids = tmp_path / "ids.json"
    began = time.monotonic()
    for args in (
        [*manage, "migrate", "--noinput", "--skip-checks"],
        [*manage, "load_demo", "--quiet-accounts", "--skip-checks"],
        [sys.executable, "-m", "tests.cms.sqlite_writer", "setup", str(ids)],
    ):
        done = subprocess.run(  # noqa: S603
            args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
        )
        assert done.returncode == 0, f"{args}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    assert query(database, "PRAGMA journal_mode") == "wal"
    learners_before = query(database, "SELECT count(*) FROM cohorts_learner")
    print(f"set-up: {time.monotonic() - began:.0f} s")  # noqa: T201

    logs = {name: (tmp_path / f"{name}.log").open("w") for name in ["worker", *range(WRITERS)]}
    worker = start([*manage, "qcluster"], env, logs["worker"])
    writers = [
        start(
            [
                sys.executable,
                "-m",
                "tests.cms.sqlite_writer",
                "write",
                str(ids),
                str(n),
                str(SECONDS),
            ],
            env,
            logs[n],
        )
        for n in range(WRITERS)
    ]
    try:
        deadline = time.monotonic() + SECONDS + 120
        for writer in writers:
            writer.wait(timeout=max(1, deadline - time.monotonic()))
        reports = []
        for n, writer in enumerate(writers):
            output = (tmp_path / f"{n}.log").read_text()
            assert writer.returncode == 0, output[-3000:]
            reports.append(json.loads(output.strip().splitlines()[-1]))
        tasks = sum(report["tasks"] for report in reports)
        assert tasks > 0
        print(f"writers done: {time.monotonic() - began:.0f} s, {reports}")  # noqa: T201

        # The worker catches up with every task it was given.
        def drained():
            queued = query(database, "SELECT count(*) FROM django_q_ormq")
            finished = query(
                database, "SELECT count(*) FROM django_q_task WHERE func = ?", TASK_FUNC
            )
            return queued == 0 and finished >= tasks

        drain_deadline = time.monotonic() + 120
        while not drained() and time.monotonic() < drain_deadline:
            time.sleep(0.5)
        assert worker.poll() is None, "the worker stopped on its own"
        print(f"drained: {time.monotonic() - began:.0f} s, {tasks} tasks")  # noqa: T201
    finally:
        for process in writers:
            stop(process)
        # Every result is already saved (drained above): no need for a slow graceful stop.
        stop(worker, wait=10)
        for log in logs.values():
            log.close()

    outputs = {name: (tmp_path / f"{name}.log").read_text() for name in logs}
    for name, output in outputs.items():
        assert "database is locked" not in output, f"{name}:\n{output[-3000:]}"
    worker_output = outputs["worker"][-3000:]

    successes = query(
        database,
        "SELECT count(*) FROM django_q_task WHERE func = ? AND success = 1",
        TASK_FUNC,
    )
    assert successes == tasks, worker_output
    assert query(database, "SELECT count(*) FROM django_q_task WHERE success = 0") == 0
    assert query(database, "SELECT count(*) FROM django_q_ormq") == 0
    assert (
        query(
            database, "SELECT count(*) FROM cohorts_learner WHERE first_name = ?", TASK_FIRST_NAME
        )
        == tasks
    )
    for report in reports:
        name = writer_first_name(report["writer"])
        assert report["learners"] > 0
        assert (
            query(database, "SELECT count(*) FROM cohorts_learner WHERE first_name = ?", name)
            == report["learners"]
            == report["marks"]
        )
        assert (
            query(
                database,
                "SELECT count(*) FROM cohorts_attendance a JOIN cohorts_learner l "
                "ON a.learner_id = l.id WHERE l.first_name = ?",
                name,
            )
            == report["marks"]
        )
    written = sum(report["learners"] for report in reports)
    assert query(database, "SELECT count(*) FROM cohorts_learner") == (
        learners_before + written + tasks
    )
