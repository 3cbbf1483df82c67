"""Load the curricula written in courses/curricula/*.toml into Wagtail pages.

Idempotent: a track whose slug already exists under the catalogue is left as it is, so that
a coordinator's edits survive `load_demo`. Every file is checked before anything is written.
"""

from pathlib import Path

from django.db import transaction

from courses.models import Competence, SessionPlanPage, TrackPage

from .schema import problems, read

CURRICULA_DIR = Path(__file__).resolve().parent


class CurriculumError(ValueError):
    pass


def curriculum_files(directory=CURRICULA_DIR):
    return sorted(Path(directory).glob("*.toml"))


def read_all(directory=CURRICULA_DIR):
    """Parse and check every file; raise one error listing every problem of every file."""
    curricula, errors = [], []
    for path in curriculum_files(directory):
        data = read(path)
        found = problems(data)
        if found:
            errors.append(f"{path.name}: " + "; ".join(found))
        curricula.append(data)
    if errors:
        raise CurriculumError("\n".join(errors))
    return curricula


def _session_page(data, competences):
    session = SessionPlanPage(
        title=data["title"],
        slug=f"seance-{data['number']}",
        number=data["number"],
        duration_minutes=data["duration"],
        mandatory=data.get("mandatory", True),
        objectives="\n".join(data["objectives"]),
        steps=[
            (
                "step",
                {
                    "title": step["title"],
                    "duration": step["duration"],
                    "activity": step["activity"],
                    "instructions": step["instructions"],
                    "materials": step.get("materials", ""),
                },
            )
            for step in data["steps"]
        ],
        vocabulary=[
            ("term", {"term": entry["term"], "definition": entry["definition"]})
            for entry in data["vocabulary"]
        ],
        handout=[
            ("learnt", data["learnt"]),
            ("home_steps", data["home_steps"]),
            ("tip", data["tip"]),
        ],
    )
    session.competences.set([competences[code] for code in data["competences"]])
    return session


def _publish(page):
    page.save_revision().publish()


@transaction.atomic
def load_curricula(*, catalogue, directory=CURRICULA_DIR):
    """Create the tracks of `directory` under `catalogue`; return the tracks created."""
    curricula = read_all(directory)
    competences = Competence.objects.in_bulk(field_name="code")
    created = []
    for data in curricula:
        if TrackPage.objects.child_of(catalogue).filter(slug=data["slug"]).exists():
            continue
        track = TrackPage(
            title=data["title"],
            slug=data["slug"],
            audience=data["audience"],
            level=data["level"],
            format=data["format"],
            summary=data["summary"],
            learner_intro=data["learner_intro"],
            completion_rule=data["completion_rule"],
            completion_min_percent=data.get("completion_min_percent", 80),
            device_handover=data["device_handover"],
            one_device_per_family=data.get("one_device_per_family", False),
            live=False,
        )
        catalogue.add_child(instance=track)
        for session_data in data.get("sessions", []):
            session = _session_page(session_data, competences)
            track.add_child(instance=session)
            _publish(session)
        _publish(track)
        created.append(track)
    return created
