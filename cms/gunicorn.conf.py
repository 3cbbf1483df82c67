"""gunicorn settings for production: `gunicorn -c cms/gunicorn.conf.py cms.wsgi`.

Every value comes from the environment (docs/deploy.md, .env.example), with defaults that
suit one machine behind nginx on the same host.
"""

import multiprocessing
import os

# 2 × cores + 1 synchronous workers, the usual rule for a Django app that mostly waits on
# PostgreSQL; GUNICORN_WORKERS caps it (each worker holds ~150 MB and one database
# connection, with CONN_MAX_AGE).
_by_cores = 2 * multiprocessing.cpu_count() + 1
_cap = int(os.environ.get("GUNICORN_WORKERS", "0") or 0)
workers = min(_by_cores, _cap) if _cap > 0 else _by_cores
worker_class = "sync"

# Where nginx sends requests: a loopback port, or unix:/run/tremplin/gunicorn.sock.
bind = [os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")]

# A request taking longer than this is killed: PDF batches and imports run in django-q2,
# never in a web request. nginx's proxy_read_timeout must be a little longer.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))

# Restart each worker after 5,000 to 7,500 requests, so that a slow memory growth (image
# processing, xhtml2pdf) never builds up. The jitter is half the count on purpose: with
# 1,000 ± 100, the five workers of the load test (bench/loadtest) all restarted within
# three seconds of each other every 80 s, and requests queued behind them for 2 s.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "2500"))

# Trust X-Forwarded-Proto / X-Forwarded-For only from nginx (same host by default; a comma
# separated list of addresses when nginx runs elsewhere).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs on stdout/stderr, collected by systemd's journal. The access log records the peer
# (nginx) and the client's address chain (X-Forwarded-For), the request line, status, size,
# time taken in milliseconds, referrer and user agent.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = (
    '%(h)s %({x-forwarded-for}i)s %(u)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'
)

# Load the application once in the master, then fork: faster start, shared memory pages.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() in ("1", "true", "yes")
proc_name = "tremplin"
