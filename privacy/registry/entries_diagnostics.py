"""Registry entry for a learner's diagnostics: the name typed on an assisted one goes; levels
and scores stay (diagnostic progress in the reports)."""

from django.db.models import Q

from diagnostics.models import Assessment

from .base import exporter, register


def _assessments(learner):
    """The learner's diagnostics: taken with their account, or the one they were enrolled
    from (an assisted diagnostic made before they had an account)."""
    where = Q(enrolments__learner=learner)
    if learner.user_id:
        where |= Q(learner_user_id=learner.user_id)
    return Assessment.objects.filter(where).distinct().order_by("pk")


def _assessments_erase(learner, erasure):
    ids = list(_assessments(learner).values_list("pk", flat=True))
    return Assessment.objects.filter(pk__in=ids).update(person_name="")


register(
    Assessment,
    export=exporter(
        _assessments,
        [
            "phase",
            "mode",
            "status",
            "person_name",
            "started_at",
            "completed_at",
            "score",
            "score_max",
            "level",
            "domain_scores",
            "needs",
            "answers",
        ],
    ),
    # Levels and scores stay (diagnostic progress in the reports); the account they point
    # at is kept, anonymised, for the same reason.
    erase=_assessments_erase,
)
