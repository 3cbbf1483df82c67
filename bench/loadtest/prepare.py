"""Prepare the load-test database: a fresh PostgreSQL database, migrated, with the demo and
50 trainers each running a meeting today with 8 learners, 200 of whom have a learner
account (code + PIN).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tremplin_load \
    TREMPLIN_VAR_DIR=var/loadtest .venv/bin/python bench/loadtest/prepare.py

Everything is created through the project's own services (cohort_generate_meetings,
learner_enrol, learner_account_create, membership_grant), except the password hashing:
PBKDF2 costs ~0.3 s a call, so one hash per secret is computed once and reused for every
account (make_password is swapped for the duration of the creation only).

Writes the credentials for the locustfile to $TREMPLIN_VAR_DIR/credentials.json.
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/tremplin_load"
TRAINER_PASSWORD = "tremplin-charge"  # noqa: S105 (a throw-away load-test database)
LEARNER_PIN = "2468"
TRAINERS = 50
LEARNERS_PER_COHORT = 8
ACCOUNTS_PER_COHORT = 4  # 50 x 4 = 200 learner accounts
TRACK_SLUG = "cycle-initiation-numerique"
ORGANISATION_SLUG = "passerelles-numeriques"


def recreate_database(url):
    """Drop and create the database named in `url` (connecting to `postgres`)."""
    import psycopg

    name = url.rsplit("/", 1)[-1].split("?", 1)[0]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def manage(*args):
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], check=True, cwd=ROOT)


def populate(output):
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()

    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import Organisation, Role, User
    from accounts.services import learner_account_create, membership_grant
    from cohorts import services
    from cohorts.exercises import activities_open_to
    from cohorts.models import Cohort, Learner
    from courses.models import TrackPage

    trainer_hash = make_password(TRAINER_PASSWORD)
    pin_hash = make_password(LEARNER_PIN)
    association = Organisation.objects.get(slug=ORGANISATION_SLUG)
    track = TrackPage.objects.get(slug=TRACK_SLUG)
    # The meeting started a quarter of an hour ago: the roll call is open, today.
    now = timezone.localtime()
    start = (now - datetime.timedelta(minutes=15)).replace(second=0, microsecond=0)
    if start.date() != now.date():  # just after midnight: keep the meeting today
        start = now.replace(hour=0, minute=0, second=0, microsecond=0)

    trainers, learners_with_accounts = [], []
    with (
        transaction.atomic(),
        # learner_account_create calls user.set_password(pin): reuse the one hash.
        mock.patch("django.contrib.auth.base_user.make_password", return_value=pin_hash),
    ):
        for t in range(1, TRAINERS + 1):
            username = f"charge.formateur{t:02d}"
            trainer = User.objects.create(
                username=username,
                first_name="Formateur",
                last_name=f"Charge {t:02d}",
                email=f"{username}@tremplin.test",
                password=trainer_hash,
            )
            membership_grant(user=trainer, organisation=association, role=Role.TRAINER)
            cohort = Cohort.objects.create(
                organisation=association,
                track=track,
                name=f"Charge — groupe {t:02d}",
                venue=f"Salle de charge {t:02d}",
                capacity=12,
                starts_on=start.date(),
                weekday=start.weekday(),
                start_time=start.time(),
            )
            cohort.trainers.add(trainer)
            services.cohort_generate_meetings(cohort=cohort)
            meeting = cohort.meetings.order_by("number").first()
            learner_ids = []
            for n in range(1, LEARNERS_PER_COHORT + 1):
                learner = Learner(
                    organisation=association,
                    first_name=f"Apprenant{n}",
                    last_name=f"Groupe{t:02d}",
                    language="fr",
                    consent_at=now,
                    consent_text="Consentement de test de charge.",
                )
                learner.full_clean()
                learner.save()
                services.learner_enrol(cohort=cohort, learner=learner)
                learner_ids.append(learner.pk)
                if n <= ACCOUNTS_PER_COHORT:
                    account, _pin = learner_account_create(
                        organisation=association,
                        first_name=learner.first_name,
                        last_name=learner.last_name,
                        pin=LEARNER_PIN,
                    )
                    learner.user = account.user
                    learner.save(update_fields=["user"])
                    learners_with_accounts.append(
                        {"code": account.code, "learner_id": learner.pk, "meeting_id": meeting.pk}
                    )
            trainers.append(
                {
                    "username": username,
                    "meeting_id": meeting.pk,
                    "cohort_id": cohort.pk,
                    "learner_ids": learner_ids,
                }
            )
    sample = Learner.objects.get(pk=learners_with_accounts[0]["learner_id"])
    exercise_ids = sorted(activities_open_to(sample).values_list("pk", flat=True))
    if not exercise_ids:
        raise SystemExit(f"No exercise open to the learners of {TRACK_SLUG}")
    credentials = {
        "created_at": timezone.now().isoformat(),
        "trainer_password": TRAINER_PASSWORD,
        "learner_pin": LEARNER_PIN,
        "trainers": trainers,
        "learners": learners_with_accounts,
        "exercise_ids": exercise_ids,
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(credentials, indent=1))
    print(
        f"{len(trainers)} trainers, {len(learners_with_accounts)} learner accounts, "
        f"{len(exercise_ids)} exercises open, meetings at {start:%H:%M} -> {output}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-recreate", action="store_true", help="keep the database")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    os.environ.setdefault("TREMPLIN_VAR_DIR", str(ROOT / "var" / "loadtest"))
    var_dir = Path(os.environ["TREMPLIN_VAR_DIR"])
    started = time.monotonic()
    if not args.skip_recreate:
        recreate_database(os.environ["DATABASE_URL"])
    manage("migrate", "--noinput", "-v", "0")
    manage("load_demo", "--quiet-accounts")
    populate(var_dir / "credentials.json")
    print(f"Prepared in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
