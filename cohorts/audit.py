"""The audit log of learners' files: one call from every view that shows, exports, changes
or erases one learner's personal file. It lives here, not in `privacy`, because views of
cohorts call it and may not import apps to their right."""

from .models import AuditEntry

Action = AuditEntry.Action


def record(*, actor, learner, action, detail=""):
    """Note that `actor` (None for a scheduled task) did `action` on `learner`'s file.

    The caller has checked access. Ids only: the entry must stay anonymous after erasure.
    """
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=Action(action),
        learner_id=learner.pk,
        organisation_id=learner.organisation_id,
        detail=detail[:50],
    )
