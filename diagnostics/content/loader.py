"""Read the diagnostic written in diagnostics/content/*.toml into a questionnaire's blocks.

The default questionnaire's text ships with Tremplin beside this module; the learner's
page finds it by `DEFAULT_SLUG`.
"""

import tomllib
from pathlib import Path

from courses.models import Competence

CONTENT_DIR = Path(__file__).resolve().parent
DEFAULT_SLUG = "diagnostic-autonomie-numerique"


def load_questionnaire(path):
    """Build the questionnaire's StreamField from one of the TOML files beside this module."""
    with Path(path).open("rb") as handle:
        data = tomllib.load(handle)
    competences = Competence.objects.in_bulk(field_name="code")
    questions = []
    for question in data["questions"]:
        code = question.get("competence")
        questions.append(
            (
                "question",
                {
                    "key": question["key"],
                    "kind": question["kind"],
                    "text": question["text"],
                    "observation": question.get("observation", ""),
                    "image": None,
                    "competence": competences[code] if code else None,
                    "need": question.get("need", ""),
                    "multiple": bool(question.get("multiple", False)),
                    "answers": [
                        {"value": a["value"], "label": a["label"], "points": a.get("points", 0)}
                        for a in question["answers"]
                    ],
                },
            )
        )
    return data, questions
