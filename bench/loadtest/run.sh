#!/usr/bin/env bash
# Load test on loopback: gunicorn (production settings) + PostgreSQL + Redis + a django-q2
# cluster, driven by locust with 200 learners and 50 trainers for ${DURATION:-5m}.
# The run stops by itself; the summary goes to bench/results/loadtest-postgresql.json and the
# script exits non-zero when any request failed.
#
#   bash bench/loadtest/run.sh                   # full run: prepare, 5 minutes
#   DURATION=1m SKIP_PREPARE=1 bash bench/loadtest/run.sh
#
# Environment: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/tremplin_load,
# dropped and re-created), REDIS_URL (default redis://127.0.0.1:6379/3), PORT (8001),
# DURATION (5m), SPAWN_RATE (5 users/s), SKIP_PREPARE=1, RESULTS (bench/results).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
BIN="$ROOT/.venv/bin"

export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/tremplin_load}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/3}"
export TREMPLIN_VAR_DIR="${TREMPLIN_VAR_DIR:-$ROOT/var/loadtest}"
PORT="${PORT:-8001}"
DURATION="${DURATION:-5m}"
SPAWN_RATE="${SPAWN_RATE:-5}"
RESULTS="${RESULTS:-$ROOT/bench/results}"
HOST="http://127.0.0.1:$PORT"
RUN_DIR="$TREMPLIN_VAR_DIR/run"
mkdir -p "$RUN_DIR" "$RESULTS"

# --- services -----------------------------------------------------------------------
"$PY" - <<'EOF'
import os, sys
import psycopg, redis
url = os.environ["DATABASE_URL"]
try:
    psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=3).close()
except Exception as error:
    sys.exit(f"PostgreSQL is not answering ({error})")
try:
    redis.Redis.from_url(os.environ["REDIS_URL"], socket_connect_timeout=3).ping()
except Exception as error:
    sys.exit(f"Redis is not answering ({error})")
print("PostgreSQL and Redis are up")
EOF

if [ "${SKIP_PREPARE:-0}" != "1" ]; then
    DJANGO_SETTINGS_MODULE=cms.settings.dev "$PY" bench/loadtest/prepare.py
fi
CREDENTIALS="$TREMPLIN_VAR_DIR/credentials.json"
[ -f "$CREDENTIALS" ] || { echo "No $CREDENTIALS: run without SKIP_PREPARE=1" >&2; exit 1; }

# --- production settings on plain http on loopback ----------------------------------------
export DJANGO_SETTINGS_MODULE=cms.settings.production
SECRET_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(64))')"
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1,localhost
export SECURE_SSL_REDIRECT=false
export SECURE_HSTS_SECONDS=0
export CONN_MAX_AGE=60
# As behind nginx: the client's address is the last entry of X-Forwarded-For, which the
# locustfile sets per classroom (see the locustfile's docstring).
export TRUSTED_PROXY_COUNT=1
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
export LOG_LEVEL=WARNING

# whitenoise's manifest storage needs collected static files (STATIC_ROOT under the var dir).
"$PY" manage.py collectstatic --noinput -v 0

GUNICORN_LOG="$RUN_DIR/gunicorn-error.log"
QCLUSTER_LOG="$RUN_DIR/qcluster.log"
: >"$GUNICORN_LOG"
: >"$QCLUSTER_LOG"
GUNICORN_PID=""
QCLUSTER_PID=""

stop() {
    local pid
    for pid in "$GUNICORN_PID" "$QCLUSTER_PID"; do
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
        fi
    done
    for pid in "$GUNICORN_PID" "$QCLUSTER_PID"; do
        if [ -n "$pid" ]; then
            # gunicorn's graceful_timeout is 30 s (cms/gunicorn.conf.py).
            for _ in $(seq 1 140); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
}
on_exit() {
    local status=$?
    stop
    if [ "$status" -ne 0 ]; then
        echo "--- last lines of $GUNICORN_LOG ---" >&2
        tail -n 60 "$GUNICORN_LOG" >&2 || true
        echo "--- last lines of $QCLUSTER_LOG ---" >&2
        tail -n 20 "$QCLUSTER_LOG" >&2 || true
    fi
    exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

if [ -f cms/gunicorn.conf.py ]; then
    GUNICORN_ARGS=(-c cms/gunicorn.conf.py)
else
    GUNICORN_ARGS=(--workers "$((2 * $(nproc) + 1))" --timeout 60)
fi
"$BIN/gunicorn" "${GUNICORN_ARGS[@]}" --bind "127.0.0.1:$PORT" \
    --error-logfile "$GUNICORN_LOG" --access-logfile "$RUN_DIR/gunicorn-access.log" \
    cms.wsgi >>"$GUNICORN_LOG" 2>&1 &
GUNICORN_PID=$!
"$PY" manage.py qcluster >>"$QCLUSTER_LOG" 2>&1 &
QCLUSTER_PID=$!

for i in $(seq 1 60); do
    if curl -fs -o /dev/null "$HOST/apprenant/connexion/"; then break; fi
    kill -0 "$GUNICORN_PID" 2>/dev/null || { echo "gunicorn died" >&2; exit 1; }
    [ "$i" -eq 60 ] && { echo "The site did not answer in 30 s" >&2; exit 1; }
    sleep 0.5
done
WORKERS="$(pgrep -P "$GUNICORN_PID" | wc -l)"
echo "gunicorn up on $HOST with $WORKERS workers; django-q2 cluster pid $QCLUSTER_PID"

# --- locust ----------------------------------------------------------------------------
PREFIX="$RUN_DIR/locust"
rm -f "$PREFIX"_*.csv "$RUN_DIR/samples.csv"
STARTED="$(date --iso-8601=seconds)"
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
set +e
LOADTEST_CREDENTIALS="$CREDENTIALS" LOADTEST_SAMPLES="$RUN_DIR/samples.csv" \
    "$BIN/locust" -f bench/loadtest/locustfile.py --headless -u 250 -r "$SPAWN_RATE" \
    --run-time "$DURATION" --stop-timeout 15 --host "$HOST" \
    --csv "$PREFIX" --html "$RUN_DIR/locust-report.html" --only-summary \
    --loglevel WARNING --exit-code-on-error 0
LOCUST_STATUS=$?
set -e
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
[ "$LOCUST_STATUS" -eq 0 ] || { echo "locust exited with $LOCUST_STATUS" >&2; exit "$LOCUST_STATUS"; }

cp "$PREFIX"_stats.csv "$RESULTS/loadtest-postgresql_stats.csv"
cp "$PREFIX"_failures.csv "$RESULTS/loadtest-postgresql_failures.csv"
"$PY" bench/loadtest/summarise.py \
    --samples "$RUN_DIR/samples.csv" --stats "$PREFIX"_stats.csv \
    --failures "$PREFIX"_failures.csv --output "$RESULTS/loadtest-postgresql.json" \
    --started "$STARTED" --duration "$DURATION" --workers "$WORKERS" --users 250 --spawn-rate "$SPAWN_RATE" \
    --load-before "$LOAD_BEFORE" --load-after "$LOAD_AFTER"
