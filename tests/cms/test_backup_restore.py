"""The restore drill of docs/deploy.md, performed: bin/backup a small PostgreSQL instance,
bin/restore it into a new database, and find the same rows, sequences and files."""

import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent.parent

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql" or shutil.which("pg_dump") is None,
    reason="the drill needs a PostgreSQL test database and pg_dump/pg_restore on PATH",
)

# Tables the demo fills; each must come back with the same number of rows (and so must
# every other table: compared below).
KEY_TABLES = [
    "accounts_user",
    "accounts_membership",
    "cohorts_learner",
    "cohorts_meeting",
    "cohorts_attendance",
    "cohorts_signature",
    "courses_h5pactivity",
    "equipment_device",
    "wagtailcore_page",
    "wagtailimages_image",
    "django_migrations",
]


def server():
    db = connection.settings_dict
    return {
        "host": db["HOST"] or "127.0.0.1",
        "port": int(db["PORT"] or 5432),
        "user": db["USER"],
        "password": db["PASSWORD"] or None,
    }


def url(name):
    s = server()
    auth = s["user"] + (f":{s['password']}" if s["password"] else "")
    return f"postgres://{auth}@{s['host']}:{s['port']}/{name}"


def admin(statement, name):
    with psycopg.connect(dbname="postgres", autocommit=True, **server()) as conn:
        conn.execute(sql.SQL(statement).format(sql.Identifier(name)))


def snapshot(name):
    """Rows per table and sequence positions of a database."""
    with psycopg.connect(dbname=name, **server()) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        count = sql.SQL("SELECT count(*) FROM {}")
        rows = {t: conn.execute(count.format(sql.Identifier(t))).fetchone()[0] for t in tables}
        sequences = dict(
            conn.execute(
                "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
            ).fetchall()
        )
    return rows, sequences


def files(folder):
    return {
        str(path.relative_to(folder)): path.stat().st_size
        for path in Path(folder).rglob("*")
        if path.is_file()
    }


def run(args, env, timeout):
    result = subprocess.run(  # noqa: S603
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"{args}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def test_backup_then_restore_gives_the_same_instance(tmp_path):
    suffix = secrets.token_hex(4)
    source, target = f"tremplin_drill_src_{suffix}", f"tremplin_drill_dst_{suffix}"
    base_env = {
        **{k: v for k, v in os.environ.items() if k not in ("DJANGO_ALLOW_ASYNC_UNSAFE",)},
        # The test settings: fast password hasher, tasks inline, folders from the environment.
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
    }
    base_env.pop("REDIS_URL", None)
    base_env.pop("AWS_STORAGE_BUCKET_NAME", None)
    source_env = {
        **base_env,
        "DATABASE_URL": url(source),
        "MEDIA_ROOT": str(tmp_path / "src" / "media"),
        "H5P_ROOT": str(tmp_path / "src" / "h5p"),
    }
    target_env = {
        **base_env,
        "DATABASE_URL": url(target),
        "MEDIA_ROOT": str(tmp_path / "dst" / "media"),
        "H5P_ROOT": str(tmp_path / "dst" / "h5p"),
    }
    manage = [sys.executable, "manage.py"]
    try:
        admin("CREATE DATABASE {}", source)
        admin("CREATE DATABASE {}", target)
        run([*manage, "migrate", "--noinput", "--skip-checks"], source_env, timeout=120)
        run([*manage, "load_demo", "--quiet-accounts", "--skip-checks"], source_env, timeout=120)

        written = run(["bin/backup", str(tmp_path / "backups")], source_env, timeout=60).stdout
        [backup] = (tmp_path / "backups").iterdir()
        assert str(backup) in written
        assert {p.name for p in backup.iterdir()} == {
            "database.dump",
            "media.tar.gz",
            "h5p.tar.gz",
            "SHA256SUMS",
        }

        restore = ["bin/restore", str(backup), url(target)]
        run(restore, {**target_env, "DATABASE_URL": ""}, timeout=60)

        source_rows, source_sequences = snapshot(source)
        target_rows, target_sequences = snapshot(target)
        for table in KEY_TABLES:
            assert source_rows[table] > 0, table
        assert target_rows == source_rows
        assert target_sequences == source_sequences
        assert files(target_env["MEDIA_ROOT"]) == files(source_env["MEDIA_ROOT"]) != {}
        assert files(target_env["H5P_ROOT"]) == files(source_env["H5P_ROOT"]) != {}

        # The restored database is at the code's migration state: nothing left to apply.
        run([*manage, "migrate", "--check", "--skip-checks"], target_env, timeout=60)
    finally:
        for name in (source, target):
            admin("DROP DATABASE IF EXISTS {} WITH (FORCE)", name)
