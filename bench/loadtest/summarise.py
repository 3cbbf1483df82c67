"""Turn a locust run into bench/results/loadtest-postgresql.json.

Percentiles are computed exactly from every response (samples.csv, written by the
locustfile), overall and without the log-in requests (named "... (login)"): a log-in costs
a PBKDF2 hash on purpose and happens once per user, so it would hide the steady state.
The same figures are given after the ramp (from the moment the last user has signed in),
the steady state proper. locust's own stats CSV is kept as a cross-check. Exits 1 when any
request failed.
"""

import argparse
import csv
import datetime
import json
import os
import platform
import sys
from collections import defaultdict
from pathlib import Path

TARGET_P95_MS = 400


def percentile(values, fraction):
    """Nearest-rank percentile of sorted values."""
    if not values:
        return None
    rank = max(1, min(len(values), round(fraction * len(values) + 0.5)))
    return values[rank - 1]


def figures(rows, seconds):
    times = sorted(float(r["response_time_ms"]) for r in rows)
    failures = sum(int(r["failed"]) for r in rows)
    return {
        "requests": len(times),
        "requests_per_second": round(len(times) / seconds, 2) if seconds else None,
        "failures": failures,
        "p50_ms": round(percentile(times, 0.50), 1) if times else None,
        "p95_ms": round(percentile(times, 0.95), 1) if times else None,
        "p99_ms": round(percentile(times, 0.99), 1) if times else None,
        "max_ms": round(times[-1], 1) if times else None,
        "mean_ms": round(sum(times) / len(times), 1) if times else None,
    }


def machine():
    info = {"cores": os.cpu_count(), "python": platform.python_version()}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["ram_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    info["kernel"] = platform.release()
    return info


def seconds_of(duration):
    units = {"s": 1, "m": 60, "h": 3600}
    total, number = 0, ""
    for char in duration:
        if char.isdigit():
            number += char
        else:
            total += int(number) * units[char]
            number = ""
    return total + (int(number) if number else 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", required=True)
    parser.add_argument("--stats", required=True)
    parser.add_argument("--failures", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--started", required=True)
    parser.add_argument("--duration", required=True)
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--users", type=int, required=True)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--load-before", default="")
    parser.add_argument("--load-after", default="")
    args = parser.parse_args()

    with open(args.samples, newline="") as handle:
        rows = list(csv.DictReader(handle))
    if not rows:
        sys.exit("No request was made")
    starts = [float(r["start"]) for r in rows]
    seconds = max(starts) - min(starts)
    steady = [r for r in rows if not r["name"].endswith("(login)")]
    logins = [r for r in rows if r["name"].endswith("(login)")]
    # Steady-state rate over the time steady-state requests were made.
    steady_starts = [float(r["start"]) for r in steady]
    steady_seconds = max(steady_starts) - min(steady_starts) if steady_starts else 0
    # After the ramp: once the last user has signed in, only the steady load is left.
    ramp_end = max(
        (float(r["start"]) + float(r["response_time_ms"]) / 1000 for r in logins),
        default=min(starts),
    )
    after_ramp = [r for r in steady if float(r["start"]) >= ramp_end]
    after_ramp_seconds = max(starts) - ramp_end

    by_name = defaultdict(list)
    for row in rows:
        by_name[f"{row['method']} {row['name']}"].append(row)
    with open(args.failures, newline="") as handle:
        failures = [
            {
                "method": f["Method"],
                "name": f["Name"],
                "error": f["Error"],
                "occurrences": int(f["Occurrences"]),
            }
            for f in csv.DictReader(handle)
        ]
    with open(args.stats, newline="") as handle:
        aggregated = next((s for s in csv.DictReader(handle) if s["Name"] == "Aggregated"), {})

    overall = figures(rows, seconds)
    steady_figures = figures(steady, steady_seconds)
    report_after_ramp = figures(after_ramp, after_ramp_seconds)
    report = {
        "date": args.started,
        "machine": machine(),
        "load_average_before_after": [args.load_before, args.load_after],
        "settings": {
            "django_settings": "cms.settings.production (plain http on loopback, see README)",
            "database": "PostgreSQL",
            "cache_and_broker": "Redis",
            "gunicorn_workers": args.workers,
            "users": args.users,
            "learners": 200,
            "trainers": 50,
            "spawn_rate_per_s": args.spawn_rate,
            "duration": args.duration,
            "duration_s": seconds_of(args.duration),
        },
        "overall": overall,
        # Every request but the log-ins, ramp included; then only those made once every user
        # had signed in (the steady state the target is about).
        "all_without_logins": steady_figures,
        "after_ramp_without_logins": report_after_ramp,
        "ramp_seconds": round(ramp_end - min(starts), 1),
        "logins": figures(logins, seconds),
        "locust_aggregated": {
            "requests": int(aggregated.get("Request Count", 0) or 0),
            "failures": int(aggregated.get("Failure Count", 0) or 0),
            "requests_per_second": float(aggregated.get("Requests/s", 0) or 0),
            "p95_ms": aggregated.get("95%"),
        },
        "per_request": {name: figures(group, seconds) for name, group in sorted(by_name.items())},
        "failures": failures,
        "target": {
            "errors": 0,
            "p95_ms_below": TARGET_P95_MS,
            "met_without_logins": overall["failures"] == 0
            and steady_figures["p95_ms"] < TARGET_P95_MS,
            "met_after_ramp": overall["failures"] == 0
            and report_after_ramp["p95_ms"] < TARGET_P95_MS,
        },
        "generated_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
    }
    Path(args.output).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(
        f"{overall['requests']} requests, {overall['requests_per_second']} req/s, "
        f"{overall['failures']} failures; p95 {overall['p95_ms']} ms overall, "
        f"{steady_figures['p95_ms']} ms without log-ins (p50 {steady_figures['p50_ms']} ms, "
        f"max {overall['max_ms']} ms); after the {report['ramp_seconds']} s ramp: "
        f"{report['after_ramp_without_logins']['requests_per_second']} req/s, "
        f"p95 {report['after_ramp_without_logins']['p95_ms']} ms -> {args.output}"
    )
    for failure in failures:
        print(
            f"  FAILED {failure['occurrences']}x {failure['method']} {failure['name']}: "
            f"{failure['error']}",
            file=sys.stderr,
        )
    sys.exit(1 if overall["failures"] else 0)


if __name__ == "__main__":
    main()
