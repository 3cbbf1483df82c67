"""Uploading H5P packages through the admin: a valid package is stored, every hostile or
broken one is refused with a French sentence and leaves nothing behind, and libraries are
stored once and shared."""

import dataclasses
import html
import json
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.h5p import packages
from courses.h5p.admin_forms import PACKAGE_REQUIRED, PACKAGE_TOO_BIG, H5PActivityAdminForm
from courses.h5p.packages import h5p_storage
from courses.models import Competence, H5PActivity, H5PLibrary, SessionPlanPage, TrackPage
from tests.courses.h5p_factories import PROBE, archive, probe_files, probe_package

ADD_URL = reverse("wagtailsnippets_courses_h5pactivity:add")
LIBRARY_DIR = f"libraries/{PROBE}-1.0"
HELPER = "Tremplin.Helper"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Media and H5P folders of the test's own, so that "nothing stored" can be checked on
    disk."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "h5p": {**settings.H5P_STORAGE, "OPTIONS": {"location": tmp_path / "h5p"}},
    }
    return tmp_path


@pytest.fixture
def admin_client(client, coordinator):
    client.force_login(coordinator)
    return client


def stored_h5p_files(folders):
    """Files in the unpacked-H5P storage and in media/h5p (where originals are kept)."""
    roots = [folders / "h5p", folders / "media" / "h5p"]
    return sorted(path for root in roots for path in root.rglob("*") if path.is_file())


def upload(client, package, **fields):
    data = {"title": "", "instructions": "", "is_active": "on", **fields}
    data["upload"] = SimpleUploadedFile("exercice.h5p", package, "application/zip")
    return client.post(ADD_URL, data)


def with_h5p_json(**changes):
    """The probe package with keys of h5p.json changed, or removed when given None."""
    files = probe_files()
    metadata = json.loads(files["h5p.json"])
    for key, value in changes.items():
        if value is None:
            metadata.pop(key)
        else:
            metadata[key] = value
    files["h5p.json"] = json.dumps(metadata)
    return archive(files)


def plus(name, payload="x"):
    return archive({**probe_files(), name: payload})


def with_helper(*, carried):
    """The probe package depending on a second library, carried in the package or not."""
    files = probe_files()
    metadata = json.loads(files["h5p.json"])
    metadata["preloadedDependencies"].append(
        {"machineName": HELPER, "majorVersion": 1, "minorVersion": 0}
    )
    files["h5p.json"] = json.dumps(metadata)
    if carried:
        files[f"{HELPER}-1.0/library.json"] = json.dumps(
            {
                "title": "Aide de test",
                "machineName": HELPER,
                "majorVersion": 1,
                "minorVersion": 0,
                "patchVersion": 0,
                "runnable": 0,
                "preloadedJs": [{"path": "helper.js"}],
            }
        )
        files[f"{HELPER}-1.0/helper.js"] = "window.TremplinHelper = {};"
    return archive(files)


def page_text(response):
    return html.unescape(response.content.decode())


def test_a_coordinator_uploads_a_valid_package_and_everything_is_stored(admin_client, coordinator):
    package = probe_package()

    response = upload(admin_client, package, instructions="Cliquez sur Terminer.")

    assert response.status_code == 302
    activity = H5PActivity.objects.get()
    assert activity.title == "Exercice d'essai"
    assert activity.instructions == "Cliquez sur Terminer."
    assert activity.main_library == f"{PROBE} 1.0"
    assert activity.created_by == coordinator
    assert list(activity.libraries.values_list("machine_name", flat=True)) == [PROBE]
    assert H5PLibrary.objects.filter(machine_name=PROBE, patch_version=0).count() == 1
    with h5p_storage().open(f"{activity.storage_prefix}/h5p.json") as stored:
        assert json.load(stored)["mainLibrary"] == PROBE
    assert h5p_storage().exists(f"{H5PLibrary.objects.get().folder}/probe.js")
    with activity.package.open("rb") as original:
        assert original.read() == package


def test_the_title_typed_by_the_coordinator_wins_over_the_package_title(admin_client):
    upload(admin_client, probe_package(), title="Reconnaître la souris")

    assert H5PActivity.objects.get().title == "Reconnaître la souris"


def test_competences_and_sessions_chosen_in_the_form_are_linked(admin_client):
    session = SessionPlanPage.objects.live().order_by("path").first()
    competence = Competence.objects.order_by("code").first()

    upload(
        admin_client,
        probe_package(),
        session_plans=[session.pk],
        competences=[competence.pk],
    )

    activity = H5PActivity.objects.get()
    assert list(activity.session_plans.all()) == [session]
    assert list(activity.competences.all()) == [competence]


def test_sessions_are_offered_with_their_track_and_number_in_tree_order(coordinator):
    form = H5PActivityAdminForm(for_user=coordinator)
    field = form.fields["session_plans"]
    session = field.queryset.first()
    track = TrackPage.objects.get(path=session.path[: -SessionPlanPage.steplen])

    assert list(field.queryset) == list(SessionPlanPage.objects.live().order_by("path"))
    assert field.label_from_instance(session) == (
        f"{track.title} — Séance {session.number} : {session.title}"
    )


REFUSED = [
    ("traversal", plus("../evil.js"), "chemin dangereux (« ../evil.js »)"),
    ("absolute", plus("/srv/evil.js"), "chemin dangereux (« /srv/evil.js »)"),
    ("backslash", plus("content\\evil.js"), "chemin dangereux (« content\\"),
    (
        "symlink",
        archive(probe_files(), symlinks=[("content/lien.json", "/etc/passwd")]),
        "Le paquet contient un lien symbolique (« content/lien.json ») : c'est interdit.",
    ),
    (
        "duplicate",
        archive(probe_files(), duplicates=["content/content.json"]),
        "Le paquet contient deux fois le même fichier (« content/content.json »).",
    ),
    (
        "zip bomb",
        plus("content/images/zeros.png", b"\0" * 10_000_000),
        "il ressemble à une bombe ZIP et a été refusé.",
    ),
    ("php", plus("content/evil.php", "<?php"), "type de fichier interdit (« content/evil.php »)"),
    ("exe", plus("content/evil.exe", "MZ"), "type de fichier interdit (« content/evil.exe »)"),
    ("html", plus("content/evil.html", "<p>"), "type de fichier interdit (« content/evil.html »)"),
    (
        "no h5p.json",
        archive({name: data for name, data in probe_files().items() if name != "h5p.json"}),
        "Le fichier h5p.json manque à la racine du paquet.",
    ),
    (
        "h5p.json not JSON",
        plus("h5p.json", "{pas du JSON"),
        "Le fichier h5p.json du paquet est illisible : ce n'est pas du JSON valide.",
    ),
    (
        "no mainLibrary",
        with_h5p_json(mainLibrary=None),
        "Le fichier h5p.json n'est pas complet ou pas valide (mainLibrary).",
    ),
    (
        "no preloadedDependencies",
        with_h5p_json(preloadedDependencies=None),
        "Le fichier h5p.json n'est pas complet ou pas valide (preloadedDependencies).",
    ),
    (
        "main library not carried",
        archive({name: data for name, data in probe_files().items() if PROBE not in name}),
        f"La bibliothèque principale « {PROBE} » n'est pas dans le paquet.",
    ),
    (
        "dependency missing",
        with_h5p_json(
            preloadedDependencies=[
                {"machineName": PROBE, "majorVersion": 1, "minorVersion": 0},
                {"machineName": "Tremplin.Absente", "majorVersion": 1, "minorVersion": 3},
            ]
        ),
        "La bibliothèque « Tremplin.Absente 1.3 » manque au paquet.",
    ),
    (
        "not a ZIP",
        b"Bonjour, je ne suis pas une archive.",
        "Ce fichier n'est pas un paquet H5P : ce n'est pas une archive ZIP.",
    ),
]


@pytest.mark.parametrize(
    ("package", "message"),
    [case[1:] for case in REFUSED],
    ids=[case[0] for case in REFUSED],
)
def test_a_hostile_or_broken_package_is_refused_in_french_and_nothing_is_stored(
    admin_client, media, package, message
):
    response = upload(admin_client, package, title="Mon exercice", instructions="Lisez bien.")

    assert response.status_code == 200
    assert message in page_text(response)
    assert message in " ".join(response.context["form"].errors["upload"])
    assert not H5PActivity.objects.exists()
    assert not H5PLibrary.objects.exists()
    assert stored_h5p_files(media) == []


def test_an_oversized_member_is_refused(admin_client, media, monkeypatch):
    # The real limit is 40 MB per file; a smaller one keeps the test fast.
    monkeypatch.setattr(
        packages, "LIMITS", dataclasses.replace(packages.LIMITS, max_file_size=4096)
    )

    response = upload(admin_client, plus("content/images/photo.png", os.urandom(8192)))

    assert "Un fichier du paquet est trop gros une fois décompressé" in page_text(response)
    assert stored_h5p_files(media) == []


def test_the_title_and_instructions_typed_stay_in_the_form_after_a_refusal(admin_client):
    response = upload(
        admin_client, b"pas un zip", title="Reconnaître la souris", instructions="Lisez bien."
    )

    form = response.context["form"]
    assert form["title"].value() == "Reconnaître la souris"
    assert form["instructions"].value() == "Lisez bien."
    text = page_text(response)
    assert 'value="Reconnaître la souris"' in text
    assert "Lisez bien." in text


def test_a_package_is_required_to_create_an_exercise(admin_client):
    response = admin_client.post(ADD_URL, {"title": "Sans paquet", "is_active": "on"})

    assert str(PACKAGE_REQUIRED) in page_text(response)
    assert not H5PActivity.objects.exists()


class UnreadableUpload(SimpleUploadedFile):
    def read(self, *args):
        raise AssertionError("the upload was read")


def test_a_file_over_60_mb_is_refused_before_being_read(coordinator):
    big = UnreadableUpload("gros.h5p", b"PK")
    big.size = packages.MAX_UPLOAD_BYTES + 1

    form = H5PActivityAdminForm(
        data={"is_active": "on"}, files={"upload": big}, for_user=coordinator
    )

    assert not form.is_valid()
    assert form.errors["upload"] == [str(PACKAGE_TOO_BIG)]


def test_editing_without_a_new_package_keeps_the_stored_one(admin_client):
    upload(admin_client, probe_package())
    activity = H5PActivity.objects.get()
    url = reverse("wagtailsnippets_courses_h5pactivity:edit", args=[activity.pk])

    response = admin_client.post(url, {"title": "Nouveau titre", "instructions": ""})

    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Nouveau titre"
    assert activity.is_active is False
    assert h5p_storage().exists(f"{activity.storage_prefix}/h5p.json")


def test_editing_with_a_new_package_replaces_the_content(
    admin_client, django_capture_on_commit_callbacks
):
    upload(admin_client, probe_package(label="Avant"))
    activity = H5PActivity.objects.get()
    old_folder = activity.storage_prefix
    url = reverse("wagtailsnippets_courses_h5pactivity:edit", args=[activity.pk])

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            url,
            {
                "title": activity.title,
                "is_active": "on",
                "upload": SimpleUploadedFile("v2.h5p", probe_package(label="Après")),
            },
        )

    activity.refresh_from_db()
    assert activity.storage_prefix != old_folder
    with h5p_storage().open(f"{activity.storage_prefix}/content/content.json") as stored:
        assert json.load(stored)["label"] == "Après"
    # The folder it replaced is deleted once the new one is in the database.
    assert not h5p_storage().exists(f"{old_folder}/h5p.json")


def test_a_refused_replacement_keeps_the_stored_package(admin_client):
    upload(admin_client, probe_package(label="Avant"))
    activity = H5PActivity.objects.get()
    url = reverse("wagtailsnippets_courses_h5pactivity:edit", args=[activity.pk])

    response = admin_client.post(
        url,
        {
            "title": "Nouveau titre",
            "is_active": "on",
            "upload": SimpleUploadedFile("v2.h5p", plus("content/evil.php")),
        },
    )

    assert "type de fichier interdit" in page_text(response)
    activity.refresh_from_db()
    assert activity.title == "Exercice d'essai"
    with h5p_storage().open(f"{activity.storage_prefix}/content/content.json") as stored:
        assert json.load(stored)["label"] == "Avant"


def test_two_packages_with_the_same_library_version_share_one_stored_copy(admin_client, media):
    upload(admin_client, probe_package(title="Premier"))
    library_files = sorted((media / "h5p" / LIBRARY_DIR).rglob("*"))
    assert library_files
    upload(admin_client, probe_package(title="Second"))

    assert H5PActivity.objects.count() == 2
    assert H5PLibrary.objects.filter(machine_name=PROBE).count() == 1
    assert sorted((media / "h5p" / LIBRARY_DIR).rglob("*")) == library_files
    library = H5PLibrary.objects.get(machine_name=PROBE)
    assert set(library.activities.values_list("title", flat=True)) == {"Premier", "Second"}


def test_a_coordinator_cannot_change_a_stored_library_with_a_package(admin_client):
    """Otherwise one package from the internet could change the code every other exercise
    runs (a higher patch number is enough to claim an update)."""
    upload(admin_client, probe_package(js="/* 1.0.0 */", version=(1, 0, 0)))
    library = H5PLibrary.objects.get(machine_name=PROBE)

    for version in ((1, 0, 3), (1, 0, 0)):
        response = upload(admin_client, probe_package(js="/* autre */", version=version))
        assert response.status_code == 200
        assert "existe déjà avec un autre contenu" in html.unescape(response.content.decode())

    assert H5PActivity.objects.count() == 1
    with h5p_storage().open(f"{library.folder}/probe.js") as script:
        assert script.read() == b"/* 1.0.0 */"


def test_a_platform_administrator_replaces_a_library_with_a_higher_patch(
    client, admin_client, make_member, django_capture_on_commit_callbacks
):
    upload(admin_client, probe_package(js="/* 1.0.0 */", version=(1, 0, 0)))
    old_folder = H5PLibrary.objects.get(machine_name=PROBE).folder
    from accounts.models import User

    operator = User.objects.create_superuser("operateur", "ops@example.org", "x")
    client.force_login(operator)

    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, probe_package(js="/* 1.0.3 */", version=(1, 0, 3)))

    assert response.status_code == 302
    library = H5PLibrary.objects.get(machine_name=PROBE)
    assert library.patch_version == 3
    with h5p_storage().open(f"{library.folder}/probe.js") as script:
        assert script.read() == b"/* 1.0.3 */"
    assert not h5p_storage().exists(f"{old_folder}/probe.js")


def test_a_file_that_is_also_a_folder_and_absurd_versions_are_refused(admin_client, media):
    clash = archive({**probe_files(), "content/x.png": b"png", "content/x.png/y.png": b"png"})
    response = upload(admin_client, clash)
    assert "un fichier et un dossier du même nom" in html.unescape(response.content.decode())
    huge = upload(admin_client, probe_package(version=(40000, 0, 0)))
    assert "numéro de version invalide" in html.unescape(huge.content.decode())
    assert stored_h5p_files(media) == []


def test_a_package_relying_on_an_already_stored_library_is_accepted(admin_client):
    upload(admin_client, with_helper(carried=True))

    response = upload(admin_client, with_helper(carried=False))

    assert response.status_code == 302
    assert H5PActivity.objects.count() == 2
    assert H5PLibrary.objects.filter(machine_name=HELPER).count() == 1
    latest = H5PActivity.objects.latest("pk")
    assert set(latest.libraries.values_list("machine_name", flat=True)) == {PROBE, HELPER}


def test_a_trainer_cannot_reach_the_upload_form(client, trainer):
    client.force_login(trainer)

    response = client.get(ADD_URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert upload(client, probe_package()).status_code == 302
    assert not H5PActivity.objects.exists()


def test_the_exercise_list_shows_the_content_type_and_a_try_link(admin_client):
    upload(admin_client, probe_package())

    response = admin_client.get(reverse("wagtailsnippets_courses_h5pactivity:list"))

    text = page_text(response)
    assert f"{PROBE} 1.0" in text
    assert "Essayer" in text
    assert "/jouer/" in text
