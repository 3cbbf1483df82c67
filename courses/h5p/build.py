"""Building `.h5p` packages of Tremplin's own content types with pyh5p, offline.

The libraries live next to this file, in `libraries/`; every package carries them, so that a
package plays anywhere without the H5P hub. Questions are plain dictionaries shaped like the
content type's `semantics.json`, except that a picture is given by its name in `images`
(`{"souris.svg": (bytes, "image/svg+xml")}`). The same input always gives the same bytes.
"""

import re
from pathlib import Path

import pyh5p

LIBRARIES_DIR = Path(__file__).resolve().parent / "libraries"

MAIN_LIBRARIES = {
    "single_choice": "Tremplin.SingleChoice",
    "hotspot": "Tremplin.Hotspot",
    "ordering": "Tremplin.Ordering",
}
IMAGE_TYPES = {
    "image/svg+xml": ".svg",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/webp": ".webp",
}
IMAGE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*\.(svg|png|jpg|jpeg|webp)$")
# Fields that hold a picture, at any depth of a question.
IMAGE_FIELDS = ("image",)


class ExerciseError(ValueError):
    """The questions do not make a playable exercise; the message says which one and why."""


def library_store():
    return pyh5p.LibraryStore(LIBRARIES_DIR)


def _check_single_choice(number, question):
    answers = question.get("answers") or []
    if not 2 <= len(answers) <= 4:
        raise ExerciseError(f"question {number}: 2 to 4 answers, not {len(answers)}")
    right = sum(1 for answer in answers if answer.get("correct") is True)
    if right != 1:
        raise ExerciseError(f"question {number}: exactly one right answer, not {right}")


def _check_hotspot(number, question):
    if not question.get("image"):
        raise ExerciseError(f"question {number}: a hotspot question needs a picture")
    if not question.get("imageAlt"):
        raise ExerciseError(f"question {number}: the picture needs a description (imageAlt)")
    zone = question.get("zone") or {}
    for key in ("x", "y", "width", "height"):
        if not isinstance(zone.get(key), int | float) or not 0 <= zone[key] <= 100:
            raise ExerciseError(f"question {number}: zone {key} must be between 0 and 100")
    if zone["width"] <= 0 or zone["height"] <= 0:
        raise ExerciseError(f"question {number}: the zone is empty")
    if zone["x"] + zone["width"] > 100.05 or zone["y"] + zone["height"] > 100.05:
        raise ExerciseError(f"question {number}: the zone goes beyond the picture")
    choices = question.get("choices") or []
    right = sum(1 for choice in choices if choice.get("correct") is True)
    if choices and right != 1:
        raise ExerciseError(f"question {number}: exactly one right button, not {right}")


def _check_ordering(number, question):
    steps = question.get("steps") or []
    if not 3 <= len(steps) <= 6:
        raise ExerciseError(f"question {number}: 3 to 6 steps, not {len(steps)}")
    texts = [step.get("text") for step in steps]
    if len(set(texts)) != len(texts):
        raise ExerciseError(f"question {number}: two steps have the same text")


CHECKS = {
    "single_choice": _check_single_choice,
    "hotspot": _check_hotspot,
    "ordering": _check_ordering,
}


def _with_media(value, images, assets):
    """Copy of `value` where each picture name becomes an H5P file value, its bytes in
    `assets` (paths relative to content/)."""
    if isinstance(value, list):
        return [_with_media(item, images, assets) for item in value]
    if not isinstance(value, dict):
        return value
    result = {}
    for key, item in value.items():
        if key in IMAGE_FIELDS and isinstance(item, str):
            if item not in images:
                raise ExerciseError(f"picture {item!r} is not among the images given")
            if not IMAGE_NAME.match(item):
                raise ExerciseError(f"picture name {item!r}: lower-case letters, digits, dashes")
            payload, mime = images[item]
            if mime not in IMAGE_TYPES:
                raise ExerciseError(f"picture {item!r}: type {mime} is not allowed")
            path = f"images/{item}"
            assets[path] = bytes(payload)
            result[key] = {"path": path, "mime": mime}
        elif item is None:
            continue
        else:
            result[key] = _with_media(item, images, assets)
    return result


def build_package(kind, title, questions, *, language="fr", images=None):
    """The bytes of a validated `.h5p` package, libraries included.

    `kind` is one of MAIN_LIBRARIES; raises ExerciseError (a ValueError) when the questions
    cannot make a playable exercise, and pyh5p's ValidationError when they do not fit the
    content type's semantics.
    """
    if kind not in MAIN_LIBRARIES:
        raise ExerciseError(f"unknown kind {kind!r}: one of {', '.join(MAIN_LIBRARIES)}")
    if not questions:
        raise ExerciseError("an exercise needs at least one question")
    for number, question in enumerate(questions, start=1):
        if not str(question.get("text") or "").strip():
            raise ExerciseError(f"question {number} has no text")
        CHECKS[kind](number, question)

    assets = {}
    data = {"questions": _with_media(list(questions), images or {}, assets)}
    # Media are added after build(): pyh5p's import_media() normalises the text fields again
    # (escaping "&" twice), so the file values and their bytes are set here by hand.
    content = pyh5p.build(
        MAIN_LIBRARIES[kind],
        data,
        store=library_store(),
        fetch=False,
        title=title,
        language=language,
        validate=False,
    )
    content.assets.update(assets)
    return content.package_bytes()
