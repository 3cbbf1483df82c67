"""Serving H5P files under /h5p/: sandboxed, never sniffed, reachable only through a signed
id, and nothing outside the activity's folder or the stored libraries."""

import re

import pytest
from django.core.files.base import ContentFile

from courses.h5p.addresses import content_id
from courses.h5p.packages import activity_store, h5p_storage
from courses.models import H5PActivity, H5PLibrary
from tests.courses.h5p_factories import PROBE, probe_package

LIBRARY = f"/h5p/bibliotheques/{PROBE}-1.0"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "h5p": {**settings.H5P_STORAGE, "OPTIONS": {"location": tmp_path / "h5p"}},
    }
    return tmp_path


@pytest.fixture
def activity(db):
    return activity_store(H5PActivity(title="Reconnaître la souris"), probe_package())


@pytest.fixture
def root(activity):
    """The public folder of the activity's content."""
    return f"/h5p/{content_id(activity)}"


def fetch(client, url):
    """GET a file and read it all: the test client closes the stored file once it is read."""
    response = client.get(url)
    if response.streaming:
        response.body = b"".join(response.streaming_content)
    return response


def assert_sandboxed(response):
    policy = response["Content-Security-Policy"]
    assert "sandbox allow-scripts" in policy
    assert "script-src 'self'" in policy
    assert "connect-src http://testserver/h5p/" in policy
    assert "frame-ancestors 'self'" in policy
    assert "allow-same-origin" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_h5p_json_is_served_as_json_in_the_sandbox(client, root):
    response = fetch(client, f"{root}/h5p.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert_sandboxed(response)
    assert b'"mainLibrary"' in response.body


def test_the_content_json_is_served_as_json_in_the_sandbox(client, root):
    response = fetch(client, f"{root}/content/content.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert_sandboxed(response)


def test_a_library_script_is_served_as_javascript_in_the_sandbox(client, activity):
    response = fetch(client, f"{LIBRARY}/probe.js")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert_sandboxed(response)


def test_a_forged_signed_id_finds_nothing(client, activity):
    assert client.get(f"/h5p/{activity.key.hex}/h5p.json").status_code == 404
    assert client.get(f"/h5p/{activity.key.hex}:forged/h5p.json").status_code == 404


def test_an_altered_signature_finds_nothing(client, activity):
    key, signature = content_id(activity).split(":")
    altered = signature[:-1] + ("A" if signature[-1] != "A" else "B")

    assert client.get(f"/h5p/{key}:{altered}/h5p.json").status_code == 404


def test_another_activity_key_signed_with_the_same_signature_finds_nothing(client, activity):
    other = activity_store(H5PActivity(title="Autre"), probe_package())
    _key, signature = content_id(activity).split(":")

    assert client.get(f"/h5p/{other.key.hex}:{signature}/h5p.json").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "content/..%2F..%2F..%2Fpackages%2F{key}.h5p",
        "content/..%2Fh5p.json",
        "content/%2e%2e/%2e%2e/h5p.json",
        "content/%252e%252e%252fh5p.json",
        "content%2F..%2F..%2F..%2Fpackages%2F{key}.h5p",
    ],
)
def test_an_encoded_traversal_in_the_content_path_finds_nothing(client, root, activity, path):
    response = client.get(f"{root}/{path.format(key=activity.key)}")

    assert response.status_code == 404


def test_an_encoded_traversal_in_a_library_path_finds_nothing(client, root, activity):
    escape = f"..%2F..%2Fcontent%2F{activity.key}%2Fh5p.json"

    assert client.get(f"{LIBRARY}/{escape}").status_code == 404
    assert client.get(f"/h5p/bibliotheques/..%2Fcontent/{activity.key}/h5p.json").status_code == 404


def test_a_library_that_is_not_stored_finds_nothing(client, activity):
    assert client.get("/h5p/bibliotheques/H5P.Absente-1.0/library.json").status_code == 404


def test_library_files_left_on_disk_without_their_row_are_not_served(client, activity):
    folder = H5PLibrary.objects.get(machine_name=PROBE).folder
    H5PLibrary.objects.filter(machine_name=PROBE).delete()

    assert h5p_storage().exists(f"{folder}/probe.js")
    assert client.get(f"{LIBRARY}/probe.js").status_code == 404


def test_a_stored_file_of_a_forbidden_type_is_not_served(client, root, activity):
    h5p_storage().save(f"{activity.storage_prefix}/content/page.html", ContentFile(b"<p>"))
    folder = H5PLibrary.objects.get(machine_name=PROBE).folder
    h5p_storage().save(f"{folder}/run.php", ContentFile(b"<?php"))

    assert client.get(f"{root}/content/page.html").status_code == 404
    assert client.get(f"{LIBRARY}/run.php").status_code == 404


def test_only_h5p_json_and_the_content_folder_are_served_from_an_activity(client, root, activity):
    h5p_storage().save(f"{activity.storage_prefix}/autre.json", ContentFile(b"{}"))

    assert client.get(f"{root}/autre.json").status_code == 404


def test_the_player_speaks_the_requested_language_without_inline_script_or_cookie(client, root):
    response = client.get(f"{root}/jouer/?lang=en")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en"' in html
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.DOTALL)
    assert scripts
    assert all(" src=" in attributes and not body.strip() for attributes, body in scripts)
    assert not response.cookies
    assert_sandboxed(response)


def test_the_player_falls_back_to_french_for_an_unknown_language(client, root):
    response = client.get(f"{root}/jouer/?lang=xx")

    assert '<html lang="fr"' in response.content.decode()


def test_h5p_responses_may_be_framed_by_tremplin_even_where_framing_is_denied(
    client, settings, root
):
    settings.X_FRAME_OPTIONS = "DENY"

    for url in (f"{root}/jouer/", f"{root}/h5p.json", f"{LIBRARY}/probe.js"):
        assert fetch(client, url)["X-Frame-Options"] == "SAMEORIGIN"
    assert client.get("/")["X-Frame-Options"] == "DENY"


def test_files_are_read_only(client, root):
    assert client.post(f"{root}/h5p.json").status_code == 405
    assert client.post(f"{root}/jouer/").status_code == 405


def test_unpacked_packages_are_never_under_the_media_folder(activity, media, client):
    """The web server serves MEDIA_ROOT as it is, without the sandbox: a package's SVG or
    script there would run with Tremplin's origin. Unpacked files live elsewhere."""
    media_root = media / "media"
    unpacked = [p for p in media_root.rglob("*") if p.is_file() and p.suffix != ".h5p"]
    assert unpacked == []
    assert (media / "h5p" / activity.storage_prefix / "h5p.json").is_file()
    assert client.get(f"/media/{activity.storage_prefix}/h5p.json").status_code == 404


def test_a_withdrawn_exercise_is_not_served(client, root, activity):
    activity.is_active = False
    activity.save()
    assert client.get(f"{root}/h5p.json").status_code == 404
