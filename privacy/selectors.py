"""Reads of personal-data rights, scoped to who asks."""

from django.shortcuts import get_object_or_404

from cohorts.models import AuditEntry, Learner
from cohorts.permissions import admin_queryset

from .registry import entries


def learner_file_get(*, actor, learner_id):
    """A learner of an organisation `actor` coordinates; 404 whether the learner is missing
    or another organisation's (or only trained, not coordinated, by `actor`)."""
    return get_object_or_404(
        admin_queryset(Learner, actor).select_related("organisation", "user"), pk=learner_id
    )


def learner_file_summary(*, learner):
    """What the registry holds about `learner`: (entry, number of rows), non-empty ones."""
    summary = []
    for entry in entries():
        count = len(entry.export(learner))
        if count:
            summary.append((entry, count))
    return summary


def learner_audit(*, actor, learner, limit=50):
    return (
        AuditEntry.objects.visible_to(actor)
        .filter(learner_id=learner.pk)
        .select_related("actor")[:limit]
    )
