"""Scoring a diagnostic from a frozen version's content and the answers given. Pure code."""

from dataclasses import dataclass, field

INTERMEDIATE = "intermediate"
ADVANCED = "advanced"
BEGINNER = "beginner"


def questions_for_mode(content, mode):
    """Observed tasks need a trainer: they are asked in the assisted mode only."""
    return [q for q in content["questions"] if mode == "assisted" or q["kind"] != "observed_task"]


def level_for(percent, *, intermediate_from, advanced_from):
    """The level for a score in percent; a threshold value itself reaches the level."""
    if percent >= advanced_from:
        return ADVANCED
    if percent >= intermediate_from:
        return INTERMEDIATE
    return BEGINNER


@dataclass
class Result:
    score: int
    score_max: int
    percent: float
    level: str
    domain_scores: dict = field(default_factory=dict)  # domain → [score, max]
    needs: dict = field(default_factory=dict)  # need → value or list of values


def score(content, answers, mode):
    """Score every scored question of the mode; read the needs. Answers must be complete."""
    total = maximum = 0
    domains, needs = {}, {}
    for question in questions_for_mode(content, mode):
        given = answers.get(question["key"])
        if question["kind"] == "need":
            needs[question["need"]] = given
            continue
        points = {answer["value"]: answer["points"] for answer in question["answers"]}
        best = max(points.values())
        got = points.get(given, 0)
        total += got
        maximum += best
        domain = domains.setdefault(question["domain"], [0, 0])
        domain[0] += got
        domain[1] += best
    percent = round(100 * total / maximum, 1) if maximum else 0.0
    return Result(
        score=total,
        score_max=maximum,
        percent=percent,
        level=level_for(
            percent,
            intermediate_from=content["intermediate_from"],
            advanced_from=content["advanced_from"],
        ),
        domain_scores=domains,
        needs=needs,
    )
