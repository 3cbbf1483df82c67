"""Time the handout PDF of every seeded session (xhtml2pdf), and print JSON.

Run: .venv/bin/python bench/handouts.py  (uses the database of DJANGO_SETTINGS_MODULE,
default cms.settings.dev, after `make demo`). Not part of the test run.
"""

import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django

django.setup()

from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext

from courses.models import SessionPlanPage
from courses.printables import HandoutPrintable


def main():
    timings, sizes, queries = [], [], []
    sessions = list(SessionPlanPage.objects.live().specific())
    HandoutPrintable(session=sessions[0], online_url="https://x.example/").render()  # warm-up
    for session in sessions:
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            pdf = HandoutPrintable(session=session, online_url="https://x.example/s").render()
            timings.append(time.perf_counter() - start)
        queries.append(len(captured))
        sizes.append(len(pdf))
    timings.sort()
    result = {
        "benchmark": "handout_pdf",
        "sessions": len(sessions),
        "p50_ms": round(statistics.median(timings) * 1000, 1),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1] * 1000, 1),
        "max_ms": round(timings[-1] * 1000, 1),
        "max_queries": max(queries),
        "mean_pdf_kb": round(statistics.mean(sizes) / 1024, 1),
        "machine": (
            f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}"
        ),
        "database": connection.vendor,
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
