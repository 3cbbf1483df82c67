"""The shape of a curriculum file (courses/curricula/*.toml), checked with the stdlib only.

`python courses/curricula/schema.py FILE.toml ...` prints every problem, or "ok" per file.
The loader (courses.curricula.loader) runs the same checks before writing anything.
"""

import sys
import tomllib
from pathlib import Path

AUDIENCES = {"general", "job_seekers", "parents", "young", "seniors", "allophones"}
LEVELS = {"beginner", "intermediate", "advanced", "all"}
FORMATS = {"group_cycle", "workshop", "individual_help"}
COMPLETION_RULES = {"all_sessions", "attendance_share", "mandatory_sessions", "none"}
ACTIVITIES = {
    "presentation",
    "demonstration",
    "guided_practice",
    "group_game",
    "quiz",
    "exercise",
    "break",
    "recap",
}
COMPETENCE_CODES = {
    "1.1", "1.2", "1.3",
    "2.1", "2.2", "2.3", "2.4",
    "3.1", "3.2", "3.3", "3.4",
    "4.1", "4.2", "4.3",
    "5.1", "5.2",
    "B.1", "B.2", "B.3", "B.4", "B.5", "B.6",
}  # fmt: skip


def problems(data):
    """Every problem in one curriculum, as French-free developer messages."""
    found = []

    def need(key, kind, where=data, label="track"):
        if not isinstance(where.get(key), kind) or where.get(key) in ("", []):
            found.append(f"{label}: '{key}' missing or not {kind.__name__}")
            return False
        return True

    for key in ("slug", "title", "summary", "learner_intro"):
        need(key, str)
    if data.get("audience") not in AUDIENCES:
        found.append(f"track: audience must be one of {sorted(AUDIENCES)}")
    if data.get("level") not in LEVELS:
        found.append(f"track: level must be one of {sorted(LEVELS)}")
    if data.get("format") not in FORMATS:
        found.append(f"track: format must be one of {sorted(FORMATS)}")
    if data.get("completion_rule") not in COMPLETION_RULES:
        found.append(f"track: completion_rule must be one of {sorted(COMPLETION_RULES)}")
    if not isinstance(data.get("device_handover"), bool):
        found.append("track: device_handover must be true or false")
    if not isinstance(data.get("one_device_per_family", False), bool):
        found.append("track: one_device_per_family must be true or false")
    sessions = data.get("sessions", [])
    if data.get("format") == "individual_help":
        if sessions:
            found.append("track: the individual_help format has no sessions")
        return found
    if not sessions:
        found.append("track: a group cycle or workshop needs at least one session")
    numbers = [s.get("number") for s in sessions]
    if numbers != list(range(1, len(sessions) + 1)):
        found.append(f"track: sessions must be numbered 1..{len(sessions)} in order, got {numbers}")
    for session in sessions:
        label = f"session {session.get('number')}"
        need("title", str, session, label)
        need("duration", int, session, label)
        for key in ("objectives", "learnt", "home_steps", "competences"):
            if need(key, list, session, label):
                if not all(isinstance(item, str) and item.strip() for item in session[key]):
                    found.append(f"{label}: every item of '{key}' must be a non-empty string")
        need("tip", str, session, label)
        if not isinstance(session.get("mandatory", True), bool):
            found.append(f"{label}: mandatory must be true or false")
        unknown = set(session.get("competences", [])) - COMPETENCE_CODES
        if unknown:
            found.append(f"{label}: unknown competence codes {sorted(unknown)}")
        vocabulary = session.get("vocabulary", [])
        if not vocabulary:
            found.append(f"{label}: 'vocabulary' needs at least one term")
        for entry in vocabulary:
            if not (isinstance(entry, dict) and entry.get("term") and entry.get("definition")):
                found.append(f"{label}: every vocabulary entry needs 'term' and 'definition'")
        steps = session.get("steps", [])
        if not steps:
            found.append(f"{label}: no steps")
        for step in steps:
            if not step.get("title") or not step.get("instructions"):
                found.append(f"{label}: every step needs 'title' and 'instructions'")
            if step.get("activity") not in ACTIVITIES:
                found.append(f"{label}: step activity must be one of {sorted(ACTIVITIES)}")
            if not isinstance(step.get("duration"), int) or step["duration"] <= 0:
                found.append(f"{label}: step '{step.get('title')}' needs a positive duration")
        total = sum(
            step.get("duration", 0) for step in steps if isinstance(step.get("duration"), int)
        )
        if isinstance(session.get("duration"), int) and total != session["duration"]:
            found.append(
                f"{label}: steps add up to {total} min, the session lasts {session['duration']}"
            )
    return found


def read(path):
    with Path(path).open("rb") as handle:
        return tomllib.load(handle)


if __name__ == "__main__":
    status = 0
    for name in sys.argv[1:]:
        found = problems(read(name))
        if found:
            status = 1
            print(f"{name}:")
            for problem in found:
                print(f"  - {problem}")
        else:
            data = read(name)
            minutes = sum(s["duration"] for s in data.get("sessions", []))
            print(f"{name}: ok ({len(data.get('sessions', []))} sessions, {minutes / 60:g} h)")
    sys.exit(status)
