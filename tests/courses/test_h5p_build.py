"""Tremplin's own H5P content types built with pyh5p: the libraries follow the H5P contract
and stay inside the sandbox, and the build refuses what a player could not show (the demo
exercises built from them are checked in tests/demo/test_exercises.py).

Playing the packages in a browser (xAPI statements, layout at 360 px, right-to-left) is
checked by hand with h5p-standalone; these tests need neither a browser nor a database."""

import json
import shutil
import subprocess

import pytest
from pyh5p import ValidationError, read_package

from courses.h5p.build import (
    LIBRARIES_DIR,
    MAIN_LIBRARIES,
    ExerciseError,
    build_package,
    library_store,
)
from demo.exercises.pictures import PICTURES

SVG = ("image/svg+xml", "svg")
IDENTIFIERS = (
    "http://www.w3.org/2000/svg",
    "http://h5p.org/x-api/h5p-subContentId",
    "http://adlnet.gov/expapi/activities/cmi.interaction",
)
FORBIDDEN_IN_SCRIPTS = (
    "eval(",
    "new Function",
    "XMLHttpRequest",
    "fetch(",
    "localStorage",
    "document.cookie",
    "innerHTML",
    "http://",
    "https://",
)


# ----------------------------------------------------------------------------- libraries


@pytest.mark.parametrize("directory", sorted(p.name for p in LIBRARIES_DIR.iterdir()))
def test_library_json_follows_the_h5p_contract(directory):
    path = LIBRARIES_DIR / directory
    meta = json.loads((path / "library.json").read_text(encoding="utf-8"))
    assert directory == f"{meta['machineName']}-{meta['majorVersion']}.{meta['minorVersion']}"
    assert meta["machineName"].startswith("Tremplin.")
    assert (meta["majorVersion"], meta["minorVersion"]) == (1, 0)
    assert isinstance(meta["patchVersion"], int)  # raised whenever the library's files change
    assert meta["coreApi"] == {"majorVersion": 1, "minorVersion": 24}
    assert meta["license"] == "MIT"
    assert meta["author"] == "Tremplin"
    assert meta["embedTypes"] == ["div", "iframe"]
    for key in ("preloadedJs", "preloadedCss"):
        assert meta[key], key
        for item in meta[key]:
            assert (path / item["path"]).is_file()
    runnable = meta["machineName"] != "Tremplin.Exercise"
    assert meta["runnable"] == int(runnable)
    assert (path / "semantics.json").is_file() == runnable
    if runnable:
        assert meta["preloadedDependencies"] == [
            {"machineName": "Tremplin.Exercise", "majorVersion": 1, "minorVersion": 0}
        ]


def test_the_store_knows_the_three_content_types_and_their_base():
    names = {library.machine_name for library in library_store().libraries(runnable=True)}
    assert names == set(MAIN_LIBRARIES.values())
    assert library_store().get("Tremplin.Exercise").runnable is False


@pytest.mark.parametrize("script", sorted(LIBRARIES_DIR.glob("*/*.js")), ids=lambda p: p.name)
def test_each_script_parses(script):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    result = subprocess.run(  # noqa: S603 - a fixed program on our own file
        [node, "--check", str(script)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("script", sorted(LIBRARIES_DIR.glob("*/*.js")), ids=lambda p: p.name)
def test_scripts_stay_inside_the_sandbox(script):
    """The frame forbids eval and the network, and has no storage: the scripts use none, and
    they write text, never markup. The only URLs are identifiers (SVG, xAPI)."""
    source = script.read_text(encoding="utf-8")
    for identifier in IDENTIFIERS:
        source = source.replace(identifier, "")
    for forbidden in FORBIDDEN_IN_SCRIPTS:
        assert forbidden not in source, forbidden


# ------------------------------------------------------------------------- build errors


def _choice(*flags):
    return {
        "text": "Quelle réponse ?",
        "answers": [{"text": f"Réponse {i}", "correct": flag} for i, flag in enumerate(flags)],
    }


def test_a_single_choice_question_needs_exactly_one_right_answer():
    with pytest.raises(ExerciseError, match="exactly one right answer"):
        build_package("single_choice", "Essai", [_choice(True, True)])
    with pytest.raises(ExerciseError, match="exactly one right answer"):
        build_package("single_choice", "Essai", [_choice(False, False)])
    assert build_package("single_choice", "Essai", [_choice(False, True)])


def test_a_picture_must_be_given_and_safe_to_name():
    question = {**_choice(True, False), "image": "absente.svg"}
    with pytest.raises(ExerciseError, match="not among the images"):
        build_package("single_choice", "Essai", [question])
    question = {**_choice(True, False), "image": "../x.svg"}
    with pytest.raises(ExerciseError, match="picture name"):
        build_package(
            "single_choice", "Essai", [question], images={"../x.svg": (b"<svg/>", SVG[0])}
        )


def test_a_hotspot_zone_stays_inside_its_picture():
    question = {
        "text": "Touchez le bouton.",
        "image": "bureau.svg",
        "imageAlt": "Un bureau.",
        "zone": {"x": 90, "y": 10, "width": 20, "height": 10},
        "choices": [{"label": "Ici", "correct": True}, {"label": "Là", "correct": False}],
    }
    images = {"bureau.svg": (PICTURES["bureau.svg"][0].encode(), SVG[0])}
    with pytest.raises(ExerciseError, match="beyond the picture"):
        build_package("hotspot", "Essai", [question], images=images)
    question["zone"]["x"] = 70
    assert build_package("hotspot", "Essai", [question], images=images)


def test_ordering_needs_three_to_six_steps_and_semantics_are_enforced():
    steps = [{"text": "Un."}, {"text": "Deux."}]
    with pytest.raises(ExerciseError, match="3 to 6 steps"):
        build_package("ordering", "Essai", [{"text": "Dans quel ordre ?", "steps": steps}])
    too_long = [{"text": "x" * 161}, {"text": "Deux."}, {"text": "Trois."}]
    with pytest.raises(ValidationError):
        build_package("ordering", "Essai", [{"text": "Dans quel ordre ?", "steps": too_long}])
    with pytest.raises(ExerciseError, match="unknown kind"):
        build_package("quiz", "Essai", [{"text": "?"}])


def test_text_is_escaped_once_in_the_package():
    """pyh5p escapes plain text fields for H5P; the players decode it. Media are added after
    the build, so nothing is escaped twice."""
    package = build_package(
        "single_choice",
        "Essai",
        [{**_choice(True, False), "text": "Pain & beurre ?", "image": "loupe.svg"}],
        images={"loupe.svg": (PICTURES["loupe.svg"][0].encode(), SVG[0])},
    )
    content = read_package(package).content
    assert content["questions"][0]["text"] == "Pain &amp; beurre ?"
    assert content["questions"][0]["image"] == {"path": "images/loupe.svg", "mime": SVG[0]}
