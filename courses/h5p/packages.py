"""Checking and storing uploaded `.h5p` packages.

pyh5p reads the archive without extracting or executing anything and refuses the hostile
shapes (path traversal, symbolic links, duplicate entries, zip bombs, forbidden file
types, a missing or broken `h5p.json`, a main library the package does not carry). Each
refusal becomes one plain French sentence, and nothing is stored until every check has
passed. Libraries are stored once per machine name and major.minor version, and shared
by every package that uses them.
"""

import dataclasses
import hashlib
import json
import mimetypes
import re
import secrets
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
    libraries: list  # CarriedLibrary, one per library in the package
    required: set  # (machine_name, major, minor) of every dependency, carried or not


@dataclasses.dataclass
class CarriedLibrary:
    machine_name: str
    major: int
    minor: int
    patch: int
    title: str
    runnable: bool
    files: dict  # path inside the library folder → bytes
    digest: str  # of every file's path and content: the same library, or not

    @property
    def key(self):
        return (self.machine_name, self.major, self.minor)


def library_digest(files):
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode("utf-8") + b"\0" + hashlib.sha256(files[path]).digest())
    return digest.hexdigest()


MAX_VERSION = 32767  # the database keeps versions as small integers


def _version(value):
    number = int(value)
    if isinstance(value, bool) or not 0 <= number <= MAX_VERSION:
        raise ValueError(value)
    return number


def _dependencies(metadata, owner):
    """(machine name, major, minor) of each dependency that `owner` declares."""
    try:
        found = set()
        for key in ("preloadedDependencies", "dynamicDependencies"):
            for dependency in metadata.get(key) or []:
                found.add(
                    (
                        str(dependency["machineName"]),
                        _version(dependency["majorVersion"]),
                        _version(dependency["minorVersion"]),
                    )
                )
        return found
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise PackageRefused(
            _("Les dépendances de « %(owner)s » sont mal décrites.") % {"owner": owner}
        ) from error


def _file_and_folder(paths):
    """A path that is both a file and the folder of another file, if any."""
    for path in paths:
        parts = path.split("/")
        for end in range(1, len(parts)):
            if "/".join(parts[:end]) in paths:
                return "/".join(parts[:end])
    return None


def package_inspect(data, *, may_update_libraries=False):
    """Check an uploaded package; return what to store, or raise PackageRefused.

    A library already stored with the same version is reused only if the package carries
    exactly the same files: otherwise one package could change the code that every other
    exercise runs. A platform administrator (`may_update_libraries`) may replace it with a
    higher patch version."""
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

    clash = _file_and_folder(set(package.files))
    if clash:
        raise PackageRefused(
            _("Le paquet contient un fichier et un dossier du même nom (« %(name)s »).")
            % {"name": clash}
        )
    libraries = []
    for library in package.libraries:
        name = library.id.machine_name
        if not MACHINE_NAME.match(name):
            raise PackageRefused(
                _("Une bibliothèque du paquet a un nom invalide (« %(name)s »).") % {"name": name}
            )
        try:
            versions = [_version(part) for part in library.id.version]
        except ValueError as error:
            raise PackageRefused(
                _("La bibliothèque « %(name)s » a un numéro de version invalide.") % {"name": name}
            ) from error
        libraries.append(
            CarriedLibrary(
                machine_name=name,
                major=versions[0],
                minor=versions[1],
                patch=versions[2],
                title=str(library.metadata.get("title") or name)[:255],
                runnable=bool(library.metadata.get("runnable")),
                files=dict(library.files),
                digest=library_digest(library.files),
            )
        )
    carried = {library.key for library in libraries}
    required = _dependencies(package.metadata, "h5p.json")
    for library in libraries:
        metadata = json.loads(library.files["library.json"].decode("utf-8"))
        required |= _dependencies(metadata, library.machine_name)
    _require(required, carried)
    for library in libraries:
        _may_store(library, may_update_libraries)
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
    for library in libraries:
        if library.machine_name == main:
            return f"{library.machine_name} {library.major}.{library.minor}"
    return str(main)


LIBRARY_CONFLICT = _(
    "La bibliothèque « %(name)s %(major)s.%(minor)s » existe déjà avec un autre contenu. Pour "
    "protéger les autres exercices, seul un administrateur de la plateforme peut la remplacer, "
    "par une version corrigée (numéro de correctif plus grand)."
)


def _may_store(library, may_update, stored=None):
    """Whether `library` may be stored: new, identical, or an allowed update."""
    stored = (
        stored
        or H5PLibrary.objects.filter(
            machine_name=library.machine_name,
            major_version=library.major,
            minor_version=library.minor,
        ).first()
    )
    if stored is None or stored.digest == library.digest:
        return stored
    if may_update and library.patch > stored.patch_version:
        return stored
    raise PackageRefused(
        LIBRARY_CONFLICT
        % {"name": library.machine_name, "major": library.major, "minor": library.minor}
    )


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
def activity_store(activity, data, inspected=None, *, user=None, may_update_libraries=False):
    """Store a checked package for `activity` (new or replaced); return the activity.

    Files go to new folders and the database then points to them; the folders they replace
    are deleted once the transaction has committed. If anything fails on the way, what was
    in use stays as it was."""
    inspected = inspected or package_inspect(data, may_update_libraries=may_update_libraries)
    replaced = []
    new_folder = f"content/{activity.key.hex}/{secrets.token_hex(4)}"
    for path, payload in inspected.content_files.items():
        _put(f"{new_folder}/{path}", payload)
    if activity.content_folder:
        replaced.append(activity.content_folder)
    activity.content_folder = new_folder
    for carried in inspected.libraries:
        library, created = H5PLibrary.objects.select_for_update().get_or_create(
            machine_name=carried.machine_name,
            major_version=carried.major,
            minor_version=carried.minor,
            defaults={"patch_version": carried.patch, "title": carried.title},
        )
        if not created and library.digest == carried.digest:
            continue
        if not created:
            _may_store(carried, may_update_libraries, stored=library)
            replaced.append(library.folder)
        library.folder = f"libraries/{library.directory}/{carried.patch}-{secrets.token_hex(4)}"
        for path, payload in carried.files.items():
            _put(f"{library.folder}/{path}", payload)
        library.patch_version, library.title = carried.patch, carried.title
        library.runnable, library.digest = carried.runnable, carried.digest
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
    needed = inspected.required | {library.key for library in inspected.libraries}
    matches = Q()
    for name, major, minor in needed:
        matches |= Q(machine_name=name, major_version=major, minor_version=minor)
    activity.libraries.set(H5PLibrary.objects.filter(matches))
    for folder in replaced:
        transaction.on_commit(lambda folder=folder: _delete_tree(folder))
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
