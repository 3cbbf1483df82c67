"""Reads of diagnostics: one assessment (404 alike for missing and forbidden), a person's
progress, a group's progress."""

from dataclasses import dataclass

from accounts.scoping import scoped_get

from .models import LEVEL_ORDER, Assessment


def assessment_get(*, actor, assessment_id, for_update=False):
    """An assessment of the actor's organisations (staff who meet learners), or their own."""
    assessments = Assessment.objects.select_related("version")
    return scoped_get(assessments, actor=actor, pk=assessment_id, for_update=for_update)


@dataclass
class Progress:
    initial_level: str
    final_level: str
    moved_up: bool
    domain_gain: dict  # domain → gain in percentage points


def _percent(pair):
    score, maximum = pair
    return 100 * score / maximum if maximum else 0.0


def assessment_progress(*, initial, final):
    """Progress between a person's first and last diagnostic, per domain."""
    gains = {}
    for domain, pair in final.domain_scores.items():
        before = initial.domain_scores.get(domain)
        if before is not None:
            gains[domain] = round(_percent(pair) - _percent(before), 1)
    return Progress(
        initial_level=initial.level,
        final_level=final.level,
        moved_up=LEVEL_ORDER[final.level] > LEVEL_ORDER[initial.level],
        domain_gain=gains,
    )


def group_progress(*, actor, learner_user_ids):
    """For learners with an initial and a final diagnostic: how many moved up a level and
    the mean gain per domain. Reads only what `actor` may see; returns figures, no names."""
    completed = (
        Assessment.objects.visible_to(actor)
        .filter(learner_user_id__in=learner_user_ids, status=Assessment.Status.COMPLETED)
        .order_by("completed_at")
    )
    firsts, lasts = {}, {}
    for assessment in completed:
        if assessment.phase == Assessment.Phase.INITIAL:
            firsts.setdefault(assessment.learner_user_id, assessment)
        else:
            lasts[assessment.learner_user_id] = assessment
    pairs = [(firsts[uid], lasts[uid]) for uid in firsts.keys() & lasts.keys()]
    progresses = [assessment_progress(initial=a, final=b) for a, b in pairs]
    gains = {}
    for progress in progresses:
        for domain, gain in progress.domain_gain.items():
            gains.setdefault(domain, []).append(gain)
    return {
        "people": len(progresses),
        "moved_up": sum(1 for p in progresses if p.moved_up),
        "mean_gain_by_domain": {d: round(sum(v) / len(v), 1) for d, v in sorted(gains.items())},
    }
