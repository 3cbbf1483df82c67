"""`make bench`: time the pages people wait on, the documents and the funder reports on a
generated network, and write the figures as JSON to bench/results/.

    .venv/bin/python bench/run.py [--size S|M|L] [--database sqlite|postgresql] [--repeat 30]

The database is made once per size and kept (var/bench/ for SQLite, `tremplin_bench_<size>`
on PostgreSQL): later runs reuse it; `--fresh` makes it again. Each page is requested
in this process through Django's test client, with the production code path (DEBUG off),
after two warm-up requests; its SQL queries are counted in a separate request. Timings
vary with the machine's load: read bench/README.md before comparing them.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"
PG_SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default=os.environ.get("SIZE", "S").upper())
    parser.add_argument("--database", default=os.environ.get("BENCH_DB", "sqlite"))
    parser.add_argument("--repeat", type=int, default=int(os.environ.get("REPEAT", "30")))
    parser.add_argument("--fresh", action="store_true", help="make the database again")
    return parser.parse_args()


def prepare_environment(args):
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ.pop("REDIS_URL", None)
    work = ROOT / "var" / "bench"
    work.mkdir(parents=True, exist_ok=True)
    (ROOT / "var" / "static").mkdir(exist_ok=True)  # whitenoise warns when it is missing
    os.environ["MEDIA_ROOT"] = str(work / f"media-{args.size.lower()}")
    if args.database == "postgresql":
        name = f"tremplin_bench_{args.size.lower()}"
        os.environ["DATABASE_URL"] = f"{PG_SERVER}/{name}"
        import psycopg

        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as server:
            exists = server.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
            if exists and args.fresh:
                server.execute(f'DROP DATABASE "{name}"')
                exists = None
            if not exists:
                server.execute(f'CREATE DATABASE "{name}"')
    elif args.database == "sqlite":
        path = work / f"bench-{args.size.lower()}.sqlite3"
        if args.fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    else:
        sys.exit("--database: sqlite ou postgresql")


def machine(connection):
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
        memory_gb = round(int(memory) / 1024 / 1024, 1)
    except OSError:
        memory_gb = None
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        version = cursor.fetchone()[0]
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "python": platform.python_version(),
        "database": f"{connection.vendor} {version}",
        "load_average_at_start": os.getloadavg(),
    }


def summary(times):
    ordered = sorted(times)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(p95 * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


class Timer:
    """Requests through the test client: timings without the query log, then one counted."""

    def __init__(self, repeat):
        self.repeat = repeat
        self.results = {}

    def measure(self, name, call, *, repeat=None, expect=200):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        for _warm_up in range(2):
            self._check(name, call(), expect)
        times = []
        for _time in range(repeat or self.repeat):
            start = time.perf_counter()
            response = call()
            times.append(time.perf_counter() - start)
            self._check(name, response, expect)
        with CaptureQueriesContext(connection) as queries:
            self._check(name, call(), expect)
        self.results[name] = {**summary(times), "queries": len(queries)}
        print(f"  {name}: {self.results[name]}", file=sys.stderr)
        return self.results[name]

    @staticmethod
    def _check(name, response, expect):
        status = getattr(response, "status_code", expect)
        if status != expect:
            raise SystemExit(f"{name}: HTTP {status} instead of {expect}")


def main():
    args = arguments()
    prepare_environment(args)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench import documents, pages, reports
    from bench.network import SIZES, Generator

    if args.size not in SIZES:
        sys.exit(f"--size: one of {', '.join(SIZES)}")
    call_command("migrate", verbosity=0)
    result = {
        "benchmark": "pages, documents and reports on a generated network",
        "size": args.size,
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "machine": machine(connection),
        "repeat": args.repeat,
    }
    generator = Generator(args.size, log=lambda line: print(line, file=sys.stderr))
    if pages.network_missing(generator):
        print(f"Generating size {args.size}…", file=sys.stderr)
        result["generation"] = generator.run()
    else:
        result["generation"] = "reused the database generated earlier"
    result["rows"] = pages.row_counts()
    timer = Timer(args.repeat)
    chosen = pages.subjects(generator)
    result["subjects"] = pages.describe(chosen)
    print("Pages", file=sys.stderr)
    pages.run(timer, chosen)
    print("Documents", file=sys.stderr)
    result["documents"] = documents.run(timer, chosen)
    result["pages"] = timer.results
    print("Reports", file=sys.stderr)
    result["reports"] = reports.run(chosen, generator, repeat=max(3, args.repeat // 6))
    RESULTS.mkdir(exist_ok=True)
    target = RESULTS / f"bench-{args.size.lower()}-{connection.vendor}.json"
    target.write_text(json.dumps(result, indent=1, ensure_ascii=False, default=str) + "\n")
    print(json.dumps(result, indent=1, ensure_ascii=False, default=str))
    print(f"Written to {target.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
