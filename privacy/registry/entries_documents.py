"""Registry entry for the cached PDFs that print a learner's name (handouts, diplomas):
caches, deleted on erasure, made again when printed again. Registered first, while the
learner's name still finds them."""

from django.db.models import Q

from cohorts.evidence import DIPLOMA_BATCH_KIND
from cohorts.models import Cohort, Diploma, Meeting
from courses.services import HANDOUT_BATCH_KIND
from documents.models import GeneratedDocument

from .base import exporter, register


def _learner_documents(learner):
    """PDFs kept by documents.store that print the learner's name: the handouts of their
    meetings and the diplomas of their cohorts. They are caches: printing again makes them
    again."""
    ids = set(
        Meeting.objects.filter(
            Q(attendances__learner=learner) | Q(cohort__enrolments__learner=learner)
        )
        .exclude(handouts=None)
        .values_list("handouts_id", flat=True)
    )
    ids |= set(
        Cohort.objects.filter(enrolments__learner=learner)
        .exclude(diploma_batch=None)
        .values_list("diploma_batch_id", flat=True)
    )
    name = str(learner)
    diploma_ids = set(
        Diploma.objects.filter(enrolment__learner=learner).values_list("pk", flat=True)
    )
    # Older batches no meeting or cohort points at any more, found by what they print.
    batches = GeneratedDocument.objects.filter(
        kind__in=[HANDOUT_BATCH_KIND, DIPLOMA_BATCH_KIND]
    ).only("pk", "params")
    for document in batches.iterator():
        params = document.params or {}
        if name in params.get("learner_names", []) or diploma_ids & set(
            params.get("diploma_ids", [])
        ):
            ids.add(document.pk)
    return GeneratedDocument.objects.filter(pk__in=ids)


def _documents_erase(learner, erasure):
    documents = list(_learner_documents(learner))
    for document in documents:
        erasure.forget_file(document.file)
    GeneratedDocument.objects.filter(pk__in=[d.pk for d in documents]).delete()
    return len(documents)


register(
    GeneratedDocument,
    export=exporter(_learner_documents, ["kind", "status", "created_at"]),
    erase=_documents_erase,
)
