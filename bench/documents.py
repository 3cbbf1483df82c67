"""Documents: one handout, one diploma, one attendance sheet through their pages; xhtml2pdf
against WeasyPrint on the same diploma template; 100 diplomas through one django-q2 worker."""

import logging
import os
import subprocess
import sys
import time

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from cohorts.models import Diploma, Meeting
from cohorts.printables import DiplomaPrintable
from documents.models import GeneratedDocument
from documents.renderer import font_dir, render_pdf
from documents.store import document_request

from .pages import client_for

VERIFY_URL = "https://tremplin.example/verify/"


def run(timer, chosen):
    cohort = chosen["cohort"]
    trainer = client_for(chosen["cohort_trainer"])
    held = Meeting.objects.filter(cohort=cohort, status="held").order_by("number").first()
    timer.measure(
        "handout_pdf",
        lambda: trainer.get(reverse("courses:handout_pdf", args=[held.session_plan_id])),
        repeat=10,
    )
    diploma = Diploma.objects.filter(
        enrolment__cohort__organisation=cohort.organisation, kind="diploma"
    ).order_by("pk")[0]
    timer.measure(
        "diploma_pdf",
        lambda: trainer.get(reverse("cohorts:diploma_pdf", args=[diploma.pk])),
        repeat=10,
    )
    timer.measure(
        "attendance_sheet_pdf",
        lambda: trainer.get(reverse("cohorts:attendance_sheet", args=[held.pk])),
        repeat=10,
    )
    return {
        "engines": engines(diploma),
        "batch_100_diplomas_one_worker": batch(cohort.organisation),
    }


def _timed(call, repeat):
    times = []
    for _time in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return round(min(times) * 1000, 1), round(sorted(times)[len(times) // 2] * 1000, 1)


def engines(diploma, repeat=5):
    """The same diploma template by xhtml2pdf (what Tremplin uses) and by WeasyPrint."""
    printable = DiplomaPrintable(diplomas=[diploma], verify_url=VERIFY_URL)
    context = printable.get_context()
    render_pdf(printable.template_name, context)  # warm-up: fonts, templates
    best, median = _timed(lambda: render_pdf(printable.template_name, context), repeat)
    result = {"xhtml2pdf_ms": {"min": best, "median": median}}
    try:
        import weasyprint
    except ImportError:
        result["weasyprint"] = "not installed (make bench installs bench/requirements.txt)"
        return result
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    with translation.override("fr"), timezone.override("Europe/Paris"):
        html = render_to_string(printable.template_name, context)
    # The template's fonts are relative to the fonts folder, as for xhtml2pdf.
    base_url = f"{font_dir()}/"

    def weasy():
        return weasyprint.HTML(string=html, base_url=base_url).write_pdf()

    weasy()
    w_best, w_median = _timed(weasy, repeat)
    result["weasyprint_ms"] = {"min": w_best, "median": w_median}
    result["weasyprint_version"] = weasyprint.__version__
    result["ratio_weasyprint_over_xhtml2pdf"] = round(w_median / median, 2)
    return result


def one_worker(document, timeout=300):
    """Start a real django-q2 cluster with one worker, wait until it has made `document`,
    stop it; the seconds it took, start-up included."""
    start = time.perf_counter()
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "Q_WORKERS": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while time.perf_counter() - start < timeout:
            document.refresh_from_db()
            if document.status != GeneratedDocument.Status.PENDING:
                break
            time.sleep(0.2)
        return time.perf_counter() - start
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def batch(organisation, count=100):
    """A ceremony batch of `count` diplomas, made by one real worker started for it."""
    ids = list(
        Diploma.objects.filter(enrolment__cohort__organisation=organisation)
        .order_by("pk")
        .values_list("pk", flat=True)[:count]
    )
    document = document_request(
        kind="diploma_batch",
        content=["bench", ids, time.time()],  # a new document at every run
        params={"diploma_ids": ids, "verify_url": VERIFY_URL},
        task="cohorts.tasks.diploma_batch_render",
    )
    elapsed = one_worker(document)
    return {
        "diplomas": len(ids),
        "seconds_including_worker_start": round(elapsed, 2),
        "status": document.status,
        "pdf_kb": round(document.file.size / 1024, 1) if document.file else None,
    }
