"""The authorization matrix (issue #12): every URL of the project against every role, in the
user's own organisation and in another one.

- every URL pattern has an entry in `tests/security/matrix.py` (a new URL fails here);
- an allowed role gets the page; any other role gets 403/404 or the log-in page, never data;
- a member of another organisation with the allowed role reaches none of A's objects, and no
  page shows them A's learner names or device codes;
- a state-changing view refuses GET (405) and a POST without a CSRF token (403); no GET
  changes a row.
"""

import io
import unicodedata

import openpyxl
import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from pypdf import PdfReader

from .conftest import ROLES
from .matrix import GROUPED_PREFIXES, MATRIX, WAGTAIL_SERVE

pytestmark = pytest.mark.django_db

PROJECT_NAMESPACES = (
    "accounts",
    "courses",
    "diagnostics",
    "cohorts",
    "equipment",
    "reports",
    "privacy",
)
# Paths standing for the grouped entries (one each).
SAMPLES = {
    "documents/": "/documents/999999/absent.pdf",
    "comptes/": "/comptes/login/",
    "i18n/": "/i18n/setlang/",
    "jsi18n/": "/jsi18n/",
    WAGTAIL_SERVE: "/parcours/",
}
DENIED = (403, 404)
DATA_APPS = (
    "accounts",
    "courses",
    "diagnostics",
    "cohorts",
    "equipment",
    "reports",
    "privacy",
    "cms",
    "documents",
)
# The access log: reading a learner's personal data writes one entry, by design.
NOT_STATE = {"cohorts.AuditEntry"}


def walk(patterns, prefix="", namespace=""):
    """(route, name) of every URL pattern under `patterns`, routes and names in full."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield prefix + str(pattern.pattern), name


def entry_key(route, name):
    """The matrix entry that covers a URL: its name for the project's own URLs, its prefix
    for the admin, documents, allauth and i18n, one entry for Wagtail's page serving."""
    if name and (name.split(":")[0] in PROJECT_NAMESPACES or name.startswith("h5p_")):
        return name
    for prefix in GROUPED_PREFIXES:
        if route.startswith(prefix):
            return prefix
    if name == "wagtail_serve" or route.startswith("_util/"):
        return WAGTAIL_SERVE
    return name or route


def discovered():
    return {entry_key(route, name): route for route, name in walk(get_resolver().url_patterns)}


def test_every_url_has_an_entry_and_every_entry_a_url():
    found = discovered()
    missing = sorted(set(found) - set(MATRIX))
    assert not missing, "Add these URLs to tests/security/matrix.py: " + ", ".join(
        f"{key} ({found[key]})" for key in missing
    )
    stale = sorted(set(MATRIX) - set(found))
    assert not stale, "These matrix entries match no URL any more: " + ", ".join(stale)


def test_every_project_url_has_a_name_of_its_own():
    """A second pattern under a name already in the matrix would escape it."""
    routes = {}
    for route, name in walk(get_resolver().url_patterns):
        key = entry_key(route, name)
        if key not in GROUPED_PREFIXES and key != WAGTAIL_SERVE:
            routes.setdefault(key, []).append(route)
    shared = {key: found for key, found in routes.items() if len(found) > 1}
    assert not shared, f"Give each of these URLs its own name: {shared}"


# --- helpers ----------------------------------------------------------------------------------


def login_paths():
    return (reverse("account_login"), reverse("accounts:learner_login"), "/admin/login/")


def is_login_redirect(response):
    return response.status_code == 302 and response["Location"].startswith(login_paths())


def read(response):
    """Read the response's body. Reading a streamed body to its end closes it (the test
    client wraps it); closing it by hand would close the database connection too."""
    if getattr(response, "streaming", False):
        response.body_bytes = b"".join(response.streaming_content)
    else:
        response.body_bytes = response.content
    return response


def readable_text(response):
    """What a person reads in the response: the text of a PDF or a spreadsheet too (their
    bytes are compressed, a name would not show in them)."""
    data = response.body_bytes
    content_type = response.get("Content-Type", "")
    if data.startswith(b"%PDF") and b"/Page" in data:
        reader = PdfReader(io.BytesIO(data))
        return unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in reader.pages))
    if "spreadsheetml" in content_type:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        cells = (
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
        text = "\n".join(cells)
        book.close()
        return text
    return data.decode("utf-8", "replace")


def leaked(response, world):
    """A's learner names, device codes and donors in the response (but not those of its
    own URL, which an error page may repeat)."""
    text = readable_text(response)
    url = response.wsgi_request.get_full_path()
    return [m for m in world.markers if m in text and m not in url]


def url_of(key, world, role):
    if key in SAMPLES:
        return SAMPLES[key]
    return reverse(key, kwargs=MATRIX[key].kwargs_for(world, role))


def request(client, key, world, role):
    entry = MATRIX[key]
    url = url_of(key, world, role)
    if entry.post_only:
        return read(client.post(url, entry.data(world)))
    return read(client.get(url))


def client_for(user, **options):
    client = Client(**options)
    if user is not None:
        client.force_login(user)
    return client


def assert_denied(response, world, what):
    assert response.status_code in DENIED or is_login_redirect(response), (
        f"{what}: expected 403/404 or the log-in page, got {response.status_code} "
        f"{response.get('Location', '')}"
    )
    assert not leaked(response, world), f"{what}: shows {leaked(response, world)}"


def assert_allowed(response, key, what):
    entry = MATRIX[key]
    assert response.status_code in entry.status and not is_login_redirect(response), (
        f"{what}: expected {entry.status}, got {response.status_code} "
        f"{response.get('Location', '')}"
    )


def row_counts():
    counts = {}
    for label in DATA_APPS:
        if not apps.is_installed(label):
            continue
        for model in apps.get_app_config(label).get_models():
            if model._meta.label not in NOT_STATE:
                counts[model._meta.label] = model._default_manager.count()
    return counts


def an_allowed_role(entry):
    for role in ("coordinator", "trainer", "technician", "cpe", "prescriber", "funder"):
        if role in entry.roles:
            return role
    return "learner" if "learner" in entry.roles else "anonymous"


PROJECT_KEYS = sorted(key for key in MATRIX if key not in SAMPLES and key != "admin/")
CHECKED_KEYS = sorted([*PROJECT_KEYS, *SAMPLES])


# --- every URL × every role, own organisation and another one ---------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", CHECKED_KEYS)
def test_access(world, key, role):
    entry = MATRIX[key]
    allowed = role in entry.roles
    own = request(client_for(world.user(role)), key, world, role)
    if allowed:
        assert_allowed(own, key, f"{role} of A on {key}")
    else:
        assert_denied(own, world, f"{role} of A on {key}")

    if role == "anonymous":
        return
    other = request(client_for(world.user(role, own=False)), key, world, role)
    what = f"{role} of another organisation on {key}"
    if not allowed or entry.scope == "object":
        assert_denied(other, world, what)
    else:
        assert_allowed(other, key, what)
        assert not leaked(other, world), f"{what}: shows {leaked(other, world)}"


@pytest.mark.parametrize(
    "key, role",
    [
        ("accounts:learner_accounts", "trainer"),
        ("cohorts:meeting", "trainer"),
        ("cohorts:referral_queue", "coordinator"),
        ("cohorts:cpe_home", "cpe"),
        ("cohorts:prescriber_home", "prescriber"),
        ("equipment:device_list", "technician"),
        ("equipment:technician_home", "technician"),
        ("equipment:donor_list", "technician"),
        ("equipment:device_export", "technician"),  # a spreadsheet
        ("equipment:handover_document", "trainer"),  # a PDF
    ],
)
def test_the_leak_check_sees_the_data_of_organisation_a(world, key, role):
    """The markers are real: A's own members see them on these pages, so their absence
    from B's pages above proves something."""
    response = request(client_for(world.user(role)), key, world, role)
    assert response.status_code == 200 and leaked(response, world)


# --- state changes ----------------------------------------------------------------------------


@pytest.mark.parametrize("key", CHECKED_KEYS)
def test_get_changes_nothing(world, key):
    entry = MATRIX[key]
    role = an_allowed_role(entry)
    client = client_for(world.user(role))
    url = url_of(key, world, role)
    before = row_counts()
    response = read(client.get(url))
    after = row_counts()
    if entry.post_only:
        assert response.status_code == 405, f"GET {key}: {response.status_code}, expected 405"
    changed = {
        label: (before[label], after[label]) for label in before if before[label] != after[label]
    }
    assert not changed, f"GET {key} changed rows: {changed}"


@pytest.mark.parametrize("key", sorted(k for k in CHECKED_KEYS if MATRIX[k].accepts_post))
def test_post_without_csrf_token_is_refused(world, key):
    entry = MATRIX[key]
    role = an_allowed_role(entry)
    client = client_for(world.user(role), enforce_csrf_checks=True)
    before = row_counts()
    response = read(client.post(url_of(key, world, role), entry.data(world)))
    assert response.status_code == 403, f"POST {key} without token: {response.status_code}"
    assert row_counts() == before


@pytest.mark.parametrize("key", sorted(k for k in CHECKED_KEYS if MATRIX[k].accepts_post))
def test_a_refused_post_changes_nothing(world, key):
    """A POST by every role that may not use the URL, and by the members of another
    organisation with an allowed role (for A's objects): refused, and not a row changes."""
    entry = MATRIX[key]
    before = row_counts()
    for role in ROLES:
        users = []
        if role not in entry.roles:
            users += [("A", world.user(role)), ("B", world.user(role, own=False))]
        elif entry.scope == "object":
            users.append(("B", world.user(role, own=False)))
        for place, user in users:
            if user is None and place == "B":
                continue
            response = read(client_for(user).post(url_of(key, world, role), entry.data(world)))
            assert_denied(response, world, f"POST by {role} of {place} on {key}")
    assert row_counts() == before


# --- the Wagtail admin: coordinators only, and only their own organisation's records ----------

ADMIN_SAMPLES = (
    "wagtailadmin_home",
    "cohorts_learner:index",
    "cohorts_cohort:index",
    "cohorts_meeting:index",
    "cohorts_enrolment:index",
    "cohorts_programme:index",
    "reports_subscription:index",
    "reports_delivery:index",
    "wagtailsnippets_courses_competence:list",
    "wagtailsnippets_courses_h5pactivity:list",
    "wagtailsnippets_diagnostics_questionnaire:list",
    "wagtailsnippets_diagnostics_orientationrule:list",
)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ADMIN_SAMPLES)
def test_admin(world, name, role):
    allowed = role in MATRIX["admin/"].roles
    url = reverse(name)
    response = read(client_for(world.user(role)).get(url))
    if allowed:
        assert response.status_code == 200, f"{role} on {name}: {response.status_code}"
    else:
        assert_denied(response, world, f"{role} of A on {name}")
    if role == "anonymous":
        return
    other = read(client_for(world.user(role, own=False)).get(url))
    if allowed:
        assert other.status_code == 200, f"{role} of B on {name}: {other.status_code}"
        assert not leaked(other, world), f"{role} of B on {name}: shows {leaked(other, world)}"
    else:
        assert_denied(other, world, f"{role} of B on {name}")


@pytest.mark.parametrize(
    "name, model",
    [
        ("cohorts_learner:edit", "cohorts.Learner"),
        ("cohorts_cohort:edit", "cohorts.Cohort"),
        ("cohorts_meeting:edit", "cohorts.Meeting"),
        ("cohorts_enrolment:edit", "cohorts.Enrolment"),
        ("cohorts_programme:edit", "cohorts.Programme"),
    ],
)
def test_admin_objects_of_another_organisation(world, name, model):
    instance = (
        apps.get_model(model)._default_manager.filter(**_of_a(model, world)).order_by("pk").first()
    )
    url = reverse(name, args=[instance.pk])
    own = read(client_for(world.user("coordinator")).get(url))
    assert own.status_code == 200, f"coordinator of A on {name}: {own.status_code}"
    other = read(client_for(world.user("coordinator", own=False)).get(url))
    assert_denied(other, world, f"coordinator of B on {name}")


def _of_a(model, world):
    organisation = world.objects["organisation"]
    return {
        "cohorts.Learner": {"organisation": organisation},
        "cohorts.Cohort": {"organisation": organisation},
        "cohorts.Meeting": {"cohort__organisation": organisation},
        "cohorts.Enrolment": {"cohort__organisation": organisation},
        "cohorts.Programme": {"organisation": organisation},
    }[model]
