"""Headers and settings (issue #12 "Trust"): the Content-Security-Policy on every page (the
H5P player keeps its own sandbox), no inline code for it to block, HSTS and secure cookies
in production, and `check --deploy` clean (tests/test_settings.py runs it)."""

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from courses.h5p.addresses import content_id
from tests.cohorts.factories import today_cohort
from tests.spaces.learner import test_exercises
from tests.test_settings import PRODUCTION_ENV, print_setting

pytestmark = pytest.mark.django_db

# Fixtures: a learner with an exercise (tests/spaces/learner/test_exercises.py).
activity = test_exercises.activity
awa = test_exercises.awa
awa_client = test_exercises.awa_client
cohort = test_exercises.cohort

ROOT = Path(__file__).resolve().parent.parent.parent
APPS = ("cms", "accounts", "courses", "diagnostics", "cohorts", "equipment", "reports")


def policy(response):
    """The Content-Security-Policy of `response` as {directive: [sources]}."""
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    directives = {}
    for part in header.split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_strict(directives):
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in directives[directive], directive
        assert "'unsafe-eval'" not in directives[directive], directive
    assert directives["script-src"] == ["'self'"]


def test_a_learner_page_has_the_strict_policy(awa_client):
    response = awa_client.get(reverse("cohorts:learner_home"))
    assert response.status_code == 200
    assert_strict(policy(response))


def test_the_exercise_page_frames_only_tremplin(awa_client, activity):
    response = awa_client.get(reverse("cohorts:learner_exercise", args=[activity.pk]))
    assert response.status_code == 200
    directives = policy(response)
    assert_strict(directives)
    assert directives["frame-src"] == ["'self'"]


def test_the_trainer_meeting_page_has_the_strict_policy(client, organisation, trainer):
    meeting = today_cohort(organisation, trainer).meetings.get(number=1)
    client.force_login(trainer)
    response = client.get(reverse("cohorts:meeting", args=[meeting.pk]))
    assert response.status_code == 200
    assert_strict(policy(response))


def test_the_funder_page_has_the_strict_policy(client, funder):
    client.force_login(funder)
    response = client.get(reverse("reports:funder_home"))
    assert response.status_code == 200
    assert_strict(policy(response))


def test_public_and_error_pages_have_it_too(client):
    assert_strict(policy(client.get("/")))
    assert_strict(policy(client.get(reverse("accounts:learner_login"))))
    assert_strict(policy(client.get("/cette-page-n-existe-pas/")))


def test_the_h5p_player_keeps_its_own_sandbox_policy(client, activity):
    response = client.get(reverse("h5p_player", args=[content_id(activity)]))
    assert response.status_code == 200
    directives = policy(response)
    assert directives["sandbox"] == ["allow-scripts"]
    assert directives["default-src"] == ["'none'"]


def test_the_wagtail_admin_gets_the_relaxed_policy(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/admin/")
    assert response.status_code == 200
    directives = policy(response)
    # Wagtail's own inline scripts and styles run; nothing comes from other sites.
    assert "'unsafe-inline'" in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert not [source for source in directives["script-src"] if "." in source]


def test_the_admin_policy_stops_at_the_admin(client):
    response = client.get(reverse("accounts:learner_login"))
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]


# --- No inline code for the policy to block ------------------------------------------------


def templates():
    folders = [ROOT / app / "templates" for app in APPS]
    folders += sorted((ROOT / "spaces").glob("*/templates"))
    for folder in folders:
        for path in sorted(folder.rglob("*.html")):
            # PDFs are rendered by xhtml2pdf, never by a browser; 500.html has a hashed style.
            if "/pdf/" in str(path) or path.name == "500.html":
                continue
            yield path


INLINE = [
    (
        re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>"),
        "script",
    ),
    (re.compile(r"<style\b"), "style element"),
    (re.compile(r"\sstyle=[\"']"), "style attribute"),
    (re.compile(r"\son[a-z]+=[\"']", re.IGNORECASE), "event handler"),
    (re.compile(r"href=[\"']javascript:", re.IGNORECASE), "javascript: link"),
]


def test_templates_carry_no_inline_script_style_or_handler():
    found = []
    for path in templates():
        text = path.read_text(encoding="utf-8")
        for pattern, kind in INLINE:
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(ROOT)}:{line}: {kind}")
    assert found == []


def test_the_error_page_style_matches_the_hash_the_policy_allows():
    text = (ROOT / "cms" / "templates" / "500.html").read_text(encoding="utf-8")
    styles = re.findall(r"<style>(.*?)</style>", text, re.DOTALL)
    assert len(styles) == 1
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    assert settings.ERROR_PAGE_STYLE_HASH == f"'sha256-{digest}'"
    assert (
        settings.ERROR_PAGE_STYLE_HASH
        in settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]
    )


def test_htmx_is_told_not_to_add_its_inline_style(client):
    html = client.get(reverse("accounts:learner_login")).content.decode()
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>' in html


# --- Production settings -------------------------------------------------------------------


def test_production_sets_hsts_secure_cookies_and_no_framing():
    expression = (
        "settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE, "
        "settings.CSRF_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY, "
        "settings.X_FRAME_OPTIONS, "
        "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['frame-ancestors'], "
        "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src'], "
        "'csp' in settings.INSTALLED_APPS, "
        "'cms.middleware.ContentSecurityPolicyMiddleware' in settings.MIDDLEWARE"
    )
    result = print_setting(expression, "cms.settings.production", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "(31536000, True, True, True, True, True, 'DENY', [\"'none'\"], [\"'self'\"], True, True)"
    )


def test_media_from_a_bucket_is_allowed_by_the_policy_in_production():
    result = print_setting(
        "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']",
        "cms.settings.production",
        **PRODUCTION_ENV,
        AWS_STORAGE_BUCKET_NAME="tremplin-media",
        AWS_S3_ENDPOINT_URL="https://s3.fr-par.scw.cloud",
    )
    assert result.returncode == 0, result.stderr
    assert "https://s3.fr-par.scw.cloud" in result.stdout
    assert "https://tremplin-media.s3.fr-par.scw.cloud" in result.stdout


def test_upload_limits_are_set():
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2_621_440
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == 2_621_440
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 1000
