"""Time the import of 500 devices from an XLSX stock sheet: read, validate, commit.

Run: .venv/bin/python bench/devices_import.py [COUNT]   (default 500). It builds its own
SQLite database under a temporary folder (migrate + load_demo), so your demo data is
untouched, writes bench/results/devices-import-sqlite.json and prints it. Not part of the
test run.
"""

import io
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

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from accounts.models import Membership, Role
from equipment import imports

HEADERS = ["N° de série", "Type", "Marque", "Modèle", "Processeur", "RAM", "Disque", "OS",
           "Grade", "Donateur", "Date de collecte", "Lot", "Prix", "Notes"]  # fmt: skip
MODELS = [
    ("Portable", "Lenovo", "ThinkPad T480", "i5-8350U", "8 Go", "256 Go SSD"),
    ("Unité centrale", "HP", "EliteDesk 800 G4", "i5-8500", "16", "512"),
    ("Portable", "Dell", "Latitude 5490", "i5-8250U", "8 Go", "1 To"),
    ("Tablette", "Samsung", "Galaxy Tab A8", "", "3", "32"),
]
DONORS = ["Caisse d'Épargne Aquitaine", "Mairie de Pessac", "Enedis Gironde"]


def stock_xlsx(count):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for index in range(count):
        kind, brand, model, cpu, ram, disk = MODELS[index % len(MODELS)]
        sheet.append([f"BENCH{index:05d}", kind, brand, model, cpu, ram, disk, "Windows 11",
                      "ABC"[index % 3], DONORS[index % 3], "12/03/2026", "2026-03",
                      "120,50 €", ""])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    call_command("migrate", verbosity=0)
    call_command("load_demo", quiet_accounts=True)
    membership = Membership.objects.filter(role=Role.TECHNICIAN, is_active=True).first()
    membership = membership or Membership.objects.filter(role=Role.COORDINATOR).first()
    content = stock_xlsx(count)

    start = time.perf_counter()
    sheet = imports.devices_import_read(SimpleUploadedFile("stock.xlsx", content))
    read_s = time.perf_counter() - start
    mapping = imports.mapping_guess(sheet.titles)
    start = time.perf_counter()
    result = imports.devices_import_validate(
        organisation=membership.organisation, rows=sheet.rows, mapping=mapping
    )
    validate_s = time.perf_counter() - start
    if not result.is_valid:
        raise SystemExit(result.all_errors()[:5])
    reset_queries()  # load_demo filled the query log: CaptureQueriesContext counts from it
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        devices = imports.devices_import_commit(
            actor=membership.user,
            organisation=membership.organisation,
            rows=sheet.rows,
            mapping=mapping,
        )
    commit_s = time.perf_counter() - start
    output = {
        "benchmark": "devices_import",
        "devices": len(devices),
        "xlsx_kb": round(len(content) / 1024, 1),
        "read_s": round(read_s, 2),
        "validate_s": round(validate_s, 2),
        "commit_s": round(commit_s, 2),
        "commit_queries": len(queries),
        "total_s": round(read_s + validate_s + commit_s, 2),
        "machine": (
            f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}"
        ),
        "database": connection.vendor,
    }
    text = json.dumps(output, indent=2)
    (ROOT / "bench" / "results" / "devices-import-sqlite.json").write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
