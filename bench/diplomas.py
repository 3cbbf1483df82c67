"""Time 100 diplomas: rendered in this process, then by one real django-q2 worker.

Run: .venv/bin/python bench/diplomas.py [COUNT]   (default 100). It builds its own SQLite
database under a temporary folder (migrate + load_demo), so your demo data is untouched,
and prints JSON. Not part of the test run.
"""

import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="tremplin-bench-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.dev"
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"
os.environ["MEDIA_ROOT"] = str(WORK / "media")
os.environ.pop("REDIS_URL", None)

import django

django.setup()

from django.core.management import call_command
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from bench.documents import one_worker
from cohorts import services
from cohorts.evidence import diploma_code
from cohorts.models import Cohort, Diploma, Learner
from cohorts.printables import DiplomaPrintable
from documents.store import document_request

FIRST = ["Fatima", "Olena", "Mamadou", "Élodie", "Thi Lan", "Aïssatou", "Rachid", "Sandrine"]
LAST = ["Benhaddou", "Kovalenko", "Sow", "Lefèvre", "Nguyen", "Ba", "Amrani", "Petit"]


def make_diplomas(count):
    cohort = Cohort.objects.get(name="Parents du collège Jasmin")
    cohort.capacity = count + 20
    cohort.save()
    trainer = User.objects.get(username="karim.benali")
    competences = [
        "1.1 Mener une recherche et une veille d'information",
        "2.1 Interagir",
        "4.1 Sécuriser l'environnement numérique",
        "B.1 Allumer, éteindre et brancher un appareil",
    ]
    diplomas = []
    for index in range(count):
        learner = Learner.objects.create(
            organisation=cohort.organisation,
            first_name=FIRST[index % len(FIRST)],
            last_name=f"{LAST[index % len(LAST)]}-{index}",
        )
        enrolment = services.learner_enrol(cohort=cohort, learner=learner)
        diplomas.append(
            Diploma(
                enrolment=enrolment,
                kind=Diploma.Kind.DIPLOMA,
                code=diploma_code(),
                first_name=learner.first_name,
                last_name=learner.last_name,
                track_title=cohort.track.title,
                organisation_name=cohort.organisation.name,
                attended_minutes=720,
                planned_minutes=720,
                competences=competences,
                issued_on=timezone.localdate(),
                issued_by=trainer,
            )
        )
    return Diploma.objects.bulk_create(diplomas)


def in_process(diplomas):
    reset_queries()
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        pdf = DiplomaPrintable(
            diplomas=Diploma.objects.filter(pk__in=[d.pk for d in diplomas]),
            verify_url="https://tremplin.example/verify/",
        ).render()
    return time.perf_counter() - start, len(queries), len(pdf)


def in_worker(diplomas):
    document = document_request(
        kind="diploma_batch",
        content=["bench", [d.code for d in diplomas]],
        params={
            "diploma_ids": [d.pk for d in diplomas],
            "verify_url": "https://tremplin.example/verify/",
        },
        task="cohorts.tasks.diploma_batch_render",
    )
    elapsed = one_worker(document)
    return elapsed, document.status


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    call_command("migrate", verbosity=0)
    call_command("load_demo", quiet_accounts=True)
    diplomas = make_diplomas(count)
    render_s, queries, size = in_process(diplomas)
    worker_s, status = in_worker(diplomas)
    result = {
        "benchmark": "diploma_batch",
        "diplomas": count,
        "in_process_s": round(render_s, 2),
        "in_process_queries": queries,
        "pdf_kb": round(size / 1024, 1),
        "one_worker_s_including_start": round(worker_s, 2),
        "worker_status": status,
        "machine": (
            f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}"
        ),
        "database": connection.vendor,
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
