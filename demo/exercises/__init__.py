"""The demo exercises: at least one per session of the initiation cycle and of the parents'
track, built from Tremplin's own content types.

Written for the learners of these tracks: short sentences, "vous", one idea per question,
taken from what the session teaches (its objectives and steps in courses/curricula/). The
competences of an exercise are among those of its session. The list keeps the order of the
sessions: the demo's activities are created in it.
"""

from courses.h5p.build import build_package

from .initiation_devices import INITIATION_DEVICES
from .initiation_online import INITIATION_ONLINE
from .parents import PARENTS_EXERCISES
from .pictures import picture

DEMO_EXERCISES = [*INITIATION_DEVICES, *INITIATION_ONLINE, *PARENTS_EXERCISES]


def _images(questions):
    """The pictures a list of questions refers to, by name."""
    names = set()

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "image" and isinstance(item, str):
                    names.add(item)
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(questions)
    return {name: picture(name) for name in sorted(names)}


def demo_packages():
    """Each demo exercise with its built `.h5p` package under "package"."""
    for exercise in DEMO_EXERCISES:
        package = build_package(
            exercise["kind"],
            exercise["title"],
            exercise["questions"],
            images=_images(exercise["questions"]),
        )
        yield {**exercise, "package": package}
