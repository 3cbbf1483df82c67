"""One writer process of tests/cms/test_sqlite_concurrency.py, against a SQLite file.

    python -m tests.cms.sqlite_writer setup IDS_FILE
    python -m tests.cms.sqlite_writer write IDS_FILE WRITER SECONDS

`setup` picks, in the demo data, a meeting open for the roll call and its trainer. `write`
loops for SECONDS: a learner created and enrolled, the roll taken for them (the trainer's
real service), an earlier mark changed and the learner's phone updated in one transaction,
some reads, and every few rounds a django-q2 task that writes a row. It prints what it
wrote, as JSON, on its last line. Any error ends it with a traceback and a non-zero status.
"""

import json
import sys
import time
from pathlib import Path

TASK_FIRST_NAME = "Tâche"
TASK_EVERY = 4


def writer_first_name(writer):
    return f"Écrivain{writer}"


def task_record(organisation_id, writer, round_number):
    """The task a writer enqueues: writes one learner, as a real task would write a row."""
    from django.db import transaction

    from cohorts.models import Learner

    with transaction.atomic():
        Learner.objects.create(
            organisation_id=organisation_id,
            first_name=TASK_FIRST_NAME,
            last_name=f"{writer}-{round_number}",
        )
    return round_number


def setup(ids_file):
    from cohorts.models import Meeting

    meeting = (
        Meeting.objects.filter(closed_at__isnull=True, cohort__trainers__isnull=False)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("cohort")
        .order_by("starts_at")
        .first()
    )
    trainer = meeting.cohort.trainers.order_by("pk").first()
    ids = {
        "organisation": meeting.cohort.organisation_id,
        "cohort": meeting.cohort_id,
        "meeting": meeting.pk,
        "trainer": trainer.pk,
    }
    Path(ids_file).write_text(json.dumps(ids))
    sys.stdout.write(json.dumps(ids) + "\n")


def write(ids_file, writer, seconds):
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django_q.tasks import async_task

    from cohorts.models import Attendance, Enrolment, Learner
    from cohorts.services import meeting_take_roll

    ids = json.loads(Path(ids_file).read_text())
    trainer = get_user_model().objects.get(pk=ids["trainer"])
    first_name = writer_first_name(writer)
    mine = []
    counts = {"writer": writer, "learners": 0, "marks": 0, "changes": 0, "tasks": 0, "reads": 0}
    deadline = time.monotonic() + seconds
    round_number = 0
    while time.monotonic() < deadline:
        round_number += 1
        with transaction.atomic():
            learner = Learner.objects.create(
                organisation_id=ids["organisation"],
                first_name=first_name,
                last_name=f"Tour {round_number}",
            )
            # Straight to the enrolment: the cohort's capacity is not what is tested here.
            Enrolment.objects.create(cohort_id=ids["cohort"], learner=learner)
        counts["learners"] += 1
        mine.append(learner.pk)

        meeting_take_roll(
            actor=trainer,
            meeting_id=ids["meeting"],
            learner_id=learner.pk,
            mark=Attendance.Mark.PRESENT,
        )
        counts["marks"] += 1

        earlier = mine[round_number // 2]
        with transaction.atomic():
            changed = Attendance.objects.filter(
                meeting_id=ids["meeting"], learner_id=earlier
            ).update(mark=Attendance.Mark.EXCUSED)
            Learner.objects.filter(pk=earlier).update(phone=f"06{round_number:08d}")
        assert changed == 1, (earlier, changed)
        counts["changes"] += 1

        assert Learner.objects.filter(first_name=first_name).count() == counts["learners"]
        assert Attendance.objects.filter(
            meeting_id=ids["meeting"], learner_id__in=mine[-5:]
        ).count() == len(mine[-5:])
        counts["reads"] += 2

        if round_number % TASK_EVERY == 0:
            async_task(
                "tests.cms.sqlite_writer.task_record", ids["organisation"], writer, round_number
            )
            counts["tasks"] += 1
    sys.stdout.write(json.dumps(counts) + "\n")


def main(argv):
    import django

    django.setup()
    command, ids_file, *rest = argv
    if command == "setup":
        setup(ids_file)
    elif command == "write":
        write(ids_file, int(rest[0]), float(rest[1]))
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main(sys.argv[1:])
