"""Builders of the demo exercises' questions, in the shape `courses.h5p.build` expects, and
the hotspot buttons that several questions offer."""

from .pictures import alt

INITIATION = "cycle-initiation-numerique"
PARENTS = "parents-scolarite-college"


def right(text, image=None):
    return _answer(text, True, image)


def wrong(text, image=None):
    return _answer(text, False, image)


def _answer(text, correct, image):
    answer = {"text": text, "correct": correct}
    if image:
        answer.update(image=image, imageAlt=alt(image))
    return answer


def choice(text, *answers, image=None):
    """A single-choice question; exactly one answer made with right()."""
    question = {"text": text, "answers": list(answers)}
    if image:
        question.update(image=image, imageAlt=alt(image))
    return question


def spot(text, image, zones, target, *buttons):
    """A hotspot question: the zone `target` of the picture is right; `buttons` are
    (label, zone key) pairs offered under the picture."""
    return {
        "text": text,
        "image": image,
        "imageAlt": alt(image),
        "zone": zones[target],
        "choices": [{"label": label, "correct": key == target} for label, key in buttons],
    }


def order(text, *steps):
    """An ordering question; steps in the right order, a step is a text or (text, image)."""
    result = []
    for step in steps:
        if isinstance(step, tuple):
            text_, image = step
            result.append({"text": text_, "image": image, "imageAlt": alt(image)})
        else:
            result.append({"text": step})
    return {"text": text, "steps": result}


# Zone names reused by several hotspot questions.
START = ("Le logo Windows, en bas à gauche", "start")
CLOCK = ("L'heure, en bas à droite", "clock")
BIN = ("La Corbeille, en haut à gauche", "bin")
WIFI_DESKTOP = ("L'éventail du Wi-Fi, en bas à droite", "wifi")
POWER = ("Le bouton rond, en haut à droite du clavier", "power")
TOUCHPAD = ("Le rectangle sous le clavier", "touchpad")
CHARGER = ("La prise, sur le côté gauche", "charger")
BACK = ("La flèche vers la gauche", "back")
NEW_TAB = ("Le « + », en haut", "new_tab")
STAR = ("L'étoile, au bout de la barre d'adresse", "star")
