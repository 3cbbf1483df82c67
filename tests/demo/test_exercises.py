"""The demo exercises built with pyh5p from Tremplin's own content types: every package is
valid and carries its libraries, every session of the two demo tracks has an exercise that
uses its own competences, the pictures are safe, and the build is repeatable.

These tests need neither a browser nor a database."""

import tomllib
import xml.dom.minidom
from collections import Counter
from pathlib import Path

import pytest
from pyh5p import read_package

from courses.curricula.loader import CURRICULA_DIR
from courses.h5p.build import MAIN_LIBRARIES
from demo.exercises import DEMO_EXERCISES, demo_packages
from demo.exercises.pictures import PICTURES
from demo.exercises.pictures.drawing import SVG_NS

TRACK_FILES = {
    "cycle-initiation-numerique": "cycle-initiation.toml",
    "parents-scolarite-college": "parents-college.toml",
}


@pytest.fixture(scope="module")
def built():
    return list(demo_packages())


def sessions(slug):
    data = tomllib.loads((CURRICULA_DIR / TRACK_FILES[slug]).read_text(encoding="utf-8"))
    assert data["slug"] == slug
    return {session["number"]: session for session in data["sessions"]}


def exercise_id(exercise):
    return f"{exercise['track']}-{exercise['session']}-{exercise['kind']}"


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
