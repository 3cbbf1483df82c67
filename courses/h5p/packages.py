"""Checking and storing uploaded `.h5p` packages.

pyh5p reads the archive without extracting or executing anything and refuses the hostile
shapes (path traversal, symbolic links, duplicate entries, zip bombs, forbidden file
types, a missing or broken `h5p.json`, a main library the package does not carry). Each
refusal becomes one plain French sentence, and nothing is stored until every check has
passed. Libraries are stored once per machine name and major.minor version, and shared
by every package that uses them.
"""

import dataclasses
import json
import mimetypes
import re
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from pyh5p import PackageError, PackageLimits, SecurityError, read_package
from pyh5p.security import DEFAULT_ALLOWED_EXTENSIONS

from courses.models import H5PLibrary

MAX_UPLOAD_BYTES = 60 * 1024 * 1024
# Flash and WebAssembly have no place in an exercise for beginners.
ALLOWED_EXTENSIONS = DEFAULT_ALLOWED_EXTENSIONS - {"swf", "wasm", "bin"}
LIMITS = PackageLimits(
    max_files=3000,
    max_file_size=40 * 1024 * 1024,
    max_total_size=150 * 1024 * 1024,
    max_compression_ratio=100.0,
    allowed_extensions=ALLOWED_EXTENSIONS,
)
MACHINE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9._-]{0,126}$")
LIBRARY_DIRECTORY = re.compile(
    r"^(?P<name>[A-Za-z][A-Za-z0-9._-]{0,126})-(?P<major>\d+)\.(?P<minor>\d+)$"
)


class PackageRefused(Exception):
    """The package cannot be used; `message` says why, in words a coordinator understands."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


# pyh5p's English messages, in the order they are checked, and what we tell the person.
_REFUSALS = [
    (
        "invalid H5P ZIP archive",
        _("Ce fichier n'est pas un paquet H5P : ce n'est pas une archive ZIP."),
    ),
    (
        "unsafe archive member path",
        _("Le paquet contient un chemin dangereux (%(detail)s) qui sortirait de son dossier."),
    ),
    ("symbolic links", _("Le paquet contient un lien symbolique (%(detail)s) : c'est interdit.")),
    ("duplicate member", _("Le paquet contient deux fois le même fichier (%(detail)s).")),
    (
        "extension is not allowed",
        _("Le paquet contient un type de fichier interdit (%(detail)s)."),
    ),
    (
        "compression ratio",
        _(
            "Le paquet se décompresse en un volume démesuré (%(detail)s) : il ressemble à une "
            "bombe ZIP et a été refusé."
        ),
    ),
    (
        "exceeds size limit",
        _("Un fichier du paquet est trop gros une fois décompressé (%(detail)s)."),
    ),
    ("expanded size", _("Le paquet est trop gros une fois décompressé (plus de 150 Mo).")),
    ("expands beyond", _("Le paquet est trop gros une fois décompressé (plus de 150 Mo).")),
    ("more than", _("Le paquet contient trop de fichiers (plus de 3 000).")),
    ("missing root h5p.json", _("Le fichier h5p.json manque à la racine du paquet.")),
    ("h5p.json", _("Le fichier h5p.json du paquet est illisible : ce n'est pas du JSON valide.")),
    ("content.json", _("Le fichier content/content.json du paquet est illisible.")),
    (
        "invalid library definition",
        _("Une bibliothèque du paquet a un library.json illisible (%(detail)s)."),
    ),
]


def _refusal(error):
    text = str(error)
    detail = re.search(r"'([^']*)'|\"([^\"]*)\"", text)
    detail = next((group for group in detail.groups() if group), "") if detail else ""
    detail = detail.replace("\\\\", "\\")  # pyh5p quotes names with repr()
    if not detail and "library definition in " in text:
        detail = text.rsplit(" ", 1)[-1]
    for needle, message in _REFUSALS:
        if needle in text:
            return PackageRefused(message % {"detail": f"« {detail} »" if detail else "?"})
    return PackageRefused(_("Le paquet H5P est refusé : %(reason)s") % {"reason": text})


@dataclasses.dataclass
class Inspected:
    """A package that passed every check, still in memory."""

    title: str
    main_library: str
    language: str
    content_files: dict  # path under the content folder (h5p.json, content/…) → bytes
    libraries: list  # (machine_name, major, minor, patch, title, runnable, {path: bytes})
    required: set  # (machine_name, major, minor) of every dependency, carried or not


def _dependencies(metadata):
    for key in ("preloadedDependencies", "dynamicDependencies"):
        for dependency in metadata.get(key) or []:
            yield (
                str(dependency["machineName"]),
                int(dependency["majorVersion"]),
                int(dependency["minorVersion"]),
            )


def package_inspect(data):
    """Check an uploaded package; return what to store, or raise PackageRefused."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise PackageRefused(_("Le paquet dépasse 60 Mo : allégez ses images ou vidéos."))
    try:
        package = read_package(data, limits=LIMITS)
    except (SecurityError, PackageError) as error:
        raise _refusal(error) from error
    issues = package.validate(require_content=True)
    for issue in issues:
        if issue.path == "$.h5p.mainLibrary" and issue.keyword == "dependency":
            raise PackageRefused(
                _("La bibliothèque principale « %(name)s » n'est pas dans le paquet.")
                % {"name": package.metadata.get("mainLibrary")}
            )
    for issue in issues:
        if issue.path.startswith("$.h5p"):
            raise PackageRefused(
                _("Le fichier h5p.json n'est pas complet ou pas valide (%(field)s).")
                % {"field": issue.path.removeprefix("$.h5p.")}
            )
        if issue.path.startswith("$.package."):
            raise PackageRefused(
                _("Le paquet contient un fichier inattendu à sa racine (« %(name)s »).")
                % {"name": issue.path.removeprefix("$.package.")}
            )
        if issue.keyword in ("asset", "path"):
            raise PackageRefused(
                _(
                    "Le contenu cite un fichier qui manque au paquet, ou dont le chemin est "
                    "dangereux."
                )
            )
        raise PackageRefused(
            _("Le contenu du paquet n'est pas valide (%(issue)s).") % {"issue": issue}
        )

    libraries = []
    carried = set()
    for library in package.libraries:
        name = library.id.machine_name
        if not MACHINE_NAME.match(name):
            raise PackageRefused(
                _("Une bibliothèque du paquet a un nom invalide (« %(name)s »).") % {"name": name}
            )
        runnable = bool(library.metadata.get("runnable"))
        title = str(library.metadata.get("title") or name)[:255]
        key = (name, library.id.major, library.id.minor)
        carried.add(key)
        libraries.append((*key, library.id.patch, title, runnable, dict(library.files)))
    required = set(_dependencies(package.metadata))
    for *_key, files in libraries:
        required |= set(_dependencies(json.loads(files["library.json"].decode("utf-8"))))
    _require(required, carried)
    content_files = {
        name: payload
        for name, payload in package.files.items()
        if name == "h5p.json" or name.startswith("content/")
    }
    return Inspected(
        title=str(package.metadata.get("title") or "")[:200],
        main_library=_main_library(package.metadata, libraries),
        language=str(package.metadata.get("language") or "")[:10],
        content_files=content_files,
        libraries=libraries,
        required=required,
    )


def _main_library(metadata, libraries):
    main = metadata.get("mainLibrary")
    for name, major, minor, *_rest in libraries:
        if name == main:
            return f"{name} {major}.{minor}"
    return str(main)


def _require(needed, carried):
    missing = [key for key in needed if key not in carried]
    if not missing:
        return
    stored = set(
        H5PLibrary.objects.filter(machine_name__in=[name for name, *_ in missing]).values_list(
            "machine_name", "major_version", "minor_version"
        )
    )
    for key in sorted(missing):
        if key not in stored:
            raise PackageRefused(
                _("La bibliothèque « %(name)s %(major)s.%(minor)s » manque au paquet.")
                % {"name": key[0], "major": key[1], "minor": key[2]}
            )


def h5p_storage():
    """Where unpacked packages live: never under MEDIA_ROOT (see settings.H5P_ROOT)."""
    return storages["h5p"]


def _put(name, payload):
    storage = h5p_storage()
    if storage.exists(name):
        storage.delete(name)
    saved = storage.save(name, ContentFile(payload))
    if saved != name:  # pragma: no cover - a storage that renames would break the player
        raise RuntimeError(f"storage renamed {name} to {saved}")


def _delete_tree(prefix):
    directories, files = h5p_storage().listdir(prefix) if h5p_storage().exists(prefix) else ([], [])
    for name in files:
        h5p_storage().delete(f"{prefix}/{name}")
    for directory in directories:
        _delete_tree(f"{prefix}/{directory}")


@transaction.atomic
def activity_store(activity, data, inspected=None, *, user=None):
    """Store a checked package for `activity` (new or replaced); return the activity.

    Libraries already stored at the same or a newer patch version are reused as they are;
    a newer patch replaces the stored files (H5P keeps patches compatible)."""
    inspected = inspected or package_inspect(data)
    if activity.pk and activity.main_library:
        _delete_tree(activity.storage_prefix)
    for path, payload in inspected.content_files.items():
        _put(f"{activity.storage_prefix}/{path}", payload)
    for name, major, minor, patch, title, runnable, files in inspected.libraries:
        library, created = H5PLibrary.objects.select_for_update().get_or_create(
            machine_name=name,
            major_version=major,
            minor_version=minor,
            defaults={"patch_version": patch, "title": title, "runnable": runnable},
        )
        if created or patch > library.patch_version:
            prefix = f"libraries/{library.directory}"
            _delete_tree(prefix)
            for path, payload in files.items():
                _put(f"{prefix}/{path}", payload)
            if not created:
                library.patch_version, library.title, library.runnable = patch, title, runnable
                library.save()
    if not activity.title:
        activity.title = inspected.title or _("Exercice sans titre")
    activity.main_library = inspected.main_library
    activity.language = inspected.language
    activity.content_bytes = sum(
        len(payload) for path, payload in inspected.content_files.items() if path != "h5p.json"
    )
    if user is not None and not activity.pk:
        activity.created_by = user
    activity.package.save("package.h5p", ContentFile(data), save=False)
    activity.save()
    needed = inspected.required | {tuple(library[:3]) for library in inspected.libraries}
    matches = Q()
    for name, major, minor in needed:
        matches |= Q(machine_name=name, major_version=major, minor_version=minor)
    activity.libraries.set(H5PLibrary.objects.filter(matches))
    return activity


def content_type(path):
    """The MIME type a stored file is served with (never sniffed by the browser)."""
    suffix = PurePosixPath(path).suffix.lower()
    if suffix == ".js":
        return "text/javascript; charset=utf-8"
    if suffix == ".json":
        return "application/json"
    if suffix == ".css":
        return "text/css; charset=utf-8"
    return mimetypes.guess_type(path)[0] or "application/octet-stream"


def servable(path):
    """A relative path that may be read from storage: no traversal, an allowed type."""
    parts = PurePosixPath(path).parts
    if not parts or path.startswith("/") or "\\" in path or "\x00" in path:
        return False
    if any(part in ("", ".", "..") for part in parts):
        return False
    return PurePosixPath(path).suffix.lower().lstrip(".") in ALLOWED_EXTENSIONS
