"""Tremplin's own H5P content types and the demo exercises built from them with pyh5p: every
package is valid and carries its libraries, every session of the two demo tracks has an
exercise that uses its own competences, the pictures are safe, and the build is repeatable.

Playing the packages in a browser (xAPI statements, layout at 360 px, right-to-left) is
checked by hand with h5p-standalone; these tests need neither a browser nor a database."""

import json
import shutil
import subprocess
import tomllib
import xml.dom.minidom
from collections import Counter
from pathlib import Path

import pytest
from pyh5p import ValidationError, read_package

from courses.curricula.loader import CURRICULA_DIR
from courses.h5p.build import (
    LIBRARIES_DIR,
    MAIN_LIBRARIES,
    ExerciseError,
    build_package,
    library_store,
)
from courses.h5p.demo_exercises import DEMO_EXERCISES, demo_packages
from courses.h5p.demo_pictures import PICTURES, SVG_NS

TRACK_FILES = {
    "cycle-initiation-numerique": "cycle-initiation.toml",
    "parents-scolarite-college": "parents-college.toml",
}
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


@pytest.fixture(scope="module")
def built():
    return list(demo_packages())


def sessions(slug):
    data = tomllib.loads((CURRICULA_DIR / TRACK_FILES[slug]).read_text(encoding="utf-8"))
    assert data["slug"] == slug
    return {session["number"]: session for session in data["sessions"]}


def exercise_id(exercise):
    return f"{exercise['track']}-{exercise['session']}-{exercise['kind']}"


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


# ------------------------------------------------------------------------- demo packages


@pytest.mark.parametrize("index", range(len(DEMO_EXERCISES)))
def test_every_demo_package_is_valid_and_carries_its_libraries(built, index):
    exercise = built[index]
    package = read_package(exercise["package"])
    assert package.validate(require_content=True) == []
    assert package.metadata["mainLibrary"] == MAIN_LIBRARIES[exercise["kind"]]
    assert package.metadata["title"] == exercise["title"]
    assert package.metadata["language"] == "fr"
    directories = {library.id.directory_name for library in package.libraries}
    assert directories == {f"{MAIN_LIBRARIES[exercise['kind']]}-1.0", "Tremplin.Exercise-1.0"}
    assert "Tremplin.Exercise-1.0/exercise.js" in package.files
    assert {"machineName": "Tremplin.Exercise", "majorVersion": 1, "minorVersion": 0} in (
        package.metadata["preloadedDependencies"]
    )
    assert 3 <= len(package.content["questions"]) <= 5


def test_each_session_of_both_tracks_has_an_exercise():
    covered = Counter((exercise["track"], exercise["session"]) for exercise in DEMO_EXERCISES)
    for slug in TRACK_FILES:
        for number in sessions(slug):
            assert covered[(slug, number)] >= 1, (slug, number)
    assert len(sessions("cycle-initiation-numerique")) == 9
    assert len(sessions("parents-scolarite-college")) == 6
    assert set(covered) <= {(slug, n) for slug in TRACK_FILES for n in sessions(slug)}


def test_the_first_initiation_session_has_one_exercise_of_each_kind():
    kinds = sorted(
        exercise["kind"]
        for exercise in DEMO_EXERCISES
        if exercise["track"] == "cycle-initiation-numerique" and exercise["session"] == 1
    )
    assert kinds == ["hotspot", "ordering", "single_choice"]
    assert {exercise["kind"] for exercise in DEMO_EXERCISES} == set(MAIN_LIBRARIES)


@pytest.mark.parametrize("exercise", DEMO_EXERCISES, ids=exercise_id)
def test_competences_are_those_of_the_session(exercise):
    taught = sessions(exercise["track"])[exercise["session"]]["competences"]
    assert exercise["competences"]
    assert set(exercise["competences"]) <= set(taught)


def test_titles_are_unique_within_a_session():
    keys = [(e["track"], e["session"], e["title"]) for e in DEMO_EXERCISES]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("exercise", DEMO_EXERCISES, ids=exercise_id)
def test_questions_are_playable(exercise):
    for question in exercise["questions"]:
        assert question["text"].strip()
        if exercise["kind"] == "single_choice":
            assert sum(answer["correct"] for answer in question["answers"]) == 1
        elif exercise["kind"] == "hotspot":
            assert question["imageAlt"]
            assert len(question["choices"]) == 3
            assert sum(choice["correct"] for choice in question["choices"]) == 1
        else:
            assert 3 <= len(question["steps"]) <= 6


def test_building_twice_gives_the_same_bytes(built):
    again = list(demo_packages())
    assert [item["package"] for item in again] == [item["package"] for item in built]


# ------------------------------------------------------------------------------ pictures


def _svg_is_safe(text):
    assert "<script" not in text.lower()
    assert "href" not in text.lower()
    assert "url(" not in text.lower()
    assert "@import" not in text.lower()
    assert "http" not in text.replace(f'xmlns="{SVG_NS}"', "")
    assert "font-family" not in text or 'font-family="sans-serif"' in text
    assert text.count("font-family") <= 1
    # Well-formed, or an <img> shows nothing. Our own strings, not untrusted input.
    xml.dom.minidom.parseString(text)  # noqa: S318


@pytest.mark.parametrize("name", sorted(PICTURES))
def test_pictures_are_small_safe_svgs_with_an_alt_text(name):
    text, alt = PICTURES[name]
    assert len(text.encode("utf-8")) < 6 * 1024
    _svg_is_safe(text)
    assert alt.strip() and alt.endswith(".")


def test_pictures_inside_the_packages_are_the_safe_ones(built):
    seen = set()
    for exercise in built:
        package = read_package(exercise["package"])
        for name, payload in package.files.items():
            if name.startswith("content/images/"):
                assert Path(name).suffix == ".svg"
                _svg_is_safe(payload.decode("utf-8"))
                seen.add(Path(name).name)
    assert seen <= set(PICTURES)
    assert len(seen) >= 15


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
