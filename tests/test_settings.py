"""Settings come from the environment; production refuses to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, env_extra=None, unset=()):
    # DJANGO_ALLOW_ASYNC_UNSAFE is set for the browser tests only; deploy checks refuse it.
    unset = (*unset, "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env.update(env_extra or {})
    return subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def print_setting(expression, settings_module="cms.settings.dev", **env):
    code = f"from django.conf import settings; print(repr(({expression},)))"
    return run_manage(
        "shell",
        "-c",
        code,
        env_extra={"DJANGO_SETTINGS_MODULE": settings_module, **env},
        unset=("DATABASE_URL", "REDIS_URL"),
    )


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "k" * 20 + "Zr8-vQ2_pX7nL4tY9wB3mH6jD1sF5gK0cV8eR2uI4oA7yT",
    "ALLOWED_HOSTS": "tremplin.example.org",
}


def test_production_check_deploy_prints_no_warning():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env_extra=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr + result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run_manage("check", env_extra=env, unset=(missing,))
    assert result.returncode != 0
    assert f"{missing} manque" in result.stderr


def test_database_url_selects_the_database_and_sqlite_is_the_default():
    default = print_setting(
        "settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME']"
    )
    assert "django.db.backends.sqlite3" in default.stdout
    assert "var/tremplin.sqlite3" in default.stdout
    postgres = print_setting(
        "settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME']",
        DATABASE_URL="postgres://tremplin@db.example:5432/tremplin",
    )
    assert "django.db.backends.postgresql" in postgres.stdout
    assert "'tremplin'" in postgres.stdout


CACHE_AND_BROKER = (
    "settings.CACHES['default']['BACKEND'], "
    "settings.Q_CLUSTER.get('orm'), settings.Q_CLUSTER.get('redis')"
)


def test_redis_url_switches_cache_and_task_broker():
    default = print_setting(CACHE_AND_BROKER)
    assert "LocMemCache" in default.stdout and "'default'" in default.stdout
    redis = print_setting(
        CACHE_AND_BROKER,
        REDIS_URL="redis://127.0.0.1:6379/3",
    )
    assert "RedisCache" in redis.stdout
    assert "None, 'redis://127.0.0.1:6379/3'" in redis.stdout


def test_french_first_with_english_second():
    result = print_setting(
        "settings.LANGUAGE_CODE, settings.TIME_ZONE, [c for c, _ in settings.LANGUAGES]"
    )
    assert "('fr', 'Europe/Paris', ['fr', 'en', 'ar'])" in result.stdout


def test_task_retry_is_longer_than_timeout():
    """A task killed mid-run must not be retried while it may still be running."""
    from django.conf import settings

    assert settings.Q_CLUSTER["retry"] > settings.Q_CLUSTER["timeout"]


def test_redis_cache_round_trip_on_the_real_server():
    """Talks to the machine's Redis; under CI an unreachable Redis fails, elsewhere it skips."""
    import redis
    from django.core.cache.backends.redis import RedisCache

    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
    try:
        with redis.Redis.from_url(url, socket_connect_timeout=2) as client:
            client.ping()
    except redis.ConnectionError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"no Redis at {url}")
    cache = RedisCache(url, {"KEY_PREFIX": "tremplin-test"})
    try:
        cache.set("ping", {"réponse": "pong"}, timeout=30)
        assert cache.get("ping") == {"réponse": "pong"}
        cache.delete("ping")
        assert cache.get("ping") is None
    finally:
        # Close the pool's sockets now: left to the garbage collector they warn, and
        # warnings are errors here.
        for pool in cache._cache._pools.values():
            pool.disconnect()


def test_a_database_error_in_a_view_becomes_the_french_503_page(rf):
    from django.conf import settings
    from django.db import OperationalError

    from cms.middleware import DatabaseUnavailableMiddleware

    assert settings.MIDDLEWARE[-1] == "cms.middleware.DatabaseUnavailableMiddleware"
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    request = rf.get("/formateur/")
    response = middleware.process_exception(request, OperationalError("server closed"))
    assert response.status_code == 503
    assert "Tremplin ne répond pas pour le moment" in response.content.decode()
    assert 'href="/formateur/"' in response.content.decode()  # try the same page again
    assert middleware.process_exception(request, ValueError("another error")) is None
    # A form sent: back to the page it came from, if it is ours; never to another site.
    sent = rf.post("/formateur/x/", HTTP_REFERER="http://testserver/formateur/?jour=2")
    html = middleware.process_exception(sent, OperationalError()).content.decode()
    assert 'href="http://testserver/formateur/?jour=2"' in html
    forged = rf.post("/formateur/x/", HTTP_REFERER="https://evil.example/")
    html = middleware.process_exception(forged, OperationalError()).content.decode()
    assert 'href="/"' in html and "evil" not in html
