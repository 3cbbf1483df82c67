"""Writes of personal-data rights: a learner's file exported (JSON, PDF), a learner erased,
and the learners without contact for `PRIVACY_RETENTION_DAYS` anonymised.

Each records an entry in the audit log (cohorts.audit). Erasure runs every handler of the
registry in one transaction; stored files (signatures, cached PDFs) are deleted once it is
committed.
"""

import datetime
import json
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cohorts import audit
from cohorts.models import (
    Attempt,
    Attendance,
    AuditEntry,
    Enrolment,
    HelpVisit,
    Learner,
    Referral,
    WaitingListEntry,
)
from diagnostics.models import Assessment
from equipment.models import Handover

from .registry import Erasure, entries

logger = logging.getLogger(__name__)

ALREADY_ERASED = _("Les données personnelles de cette personne sont déjà effacées.")
ACTIVE_LOAN = _(
    "Cette personne a un appareil en prêt. Notez d'abord qu'il est rendu ou acheté, puis "
    "effacez ses données."
)
EXPORT_FORMAT = "tremplin-dossier-apprenant/1"


def learner_is_erased(learner):
    return AuditEntry.objects.filter(
        learner_id=learner.pk, action=AuditEntry.Action.ERASED
    ).exists()


def _active_loans(learner):
    return Handover.objects.filter(
        enrolment__learner=learner,
        formula=Handover.Formula.LOAN,
        status=Handover.Status.ACTIVE,
    )


@transaction.atomic
def learner_export(*, actor, learner, detail="json"):
    """Everything the registry holds about `learner`, section by section, as plain data
    (dump it with `export_json`). The caller has checked access."""
    data = {
        "format": EXPORT_FORMAT,
        "generated_at": timezone.now(),
        "learner_id": learner.pk,
        "organisation": learner.organisation.name,
        "sections": [
            {
                "model": entry.label,
                "title": str(entry.title),
                "kept_when_erased": str(entry.kept),
                "rows": entry.export(learner),
            }
            for entry in entries()
        ],
    }
    audit.record(actor=actor, learner=learner, action=audit.Action.EXPORTED, detail=detail)
    return data


def export_json(data):
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


@transaction.atomic
def learner_erase(*, actor, learner_id, detail=""):
    """Remove the learner's names, contact details, free text, signatures and sign-in, and
    keep the anonymous facts funders were told. Returns the rows changed per model.

    Refused for a learner already erased, or holding a device on loan (the structure needs
    to reach them to get it back). The caller has checked access.
    """
    learner = Learner.objects.select_for_update().select_related("organisation").get(pk=learner_id)
    if learner_is_erased(learner):
        raise ValidationError(ALREADY_ERASED, code="erased")
    if _active_loans(learner).exists():
        raise ValidationError(ACTIVE_LOAN, code="loan")
    erasure = Erasure()
    counts = {entry.label: entry.erase(learner, erasure) for entry in entries()}
    erasure.delete_files_on_commit()
    audit.record(actor=actor, learner=learner, action=audit.Action.ERASED, detail=detail)
    return counts


def inactive_learners(*, now=None, days=None):
    """Learners without contact for `days` (PRIVACY_RETENTION_DAYS): no meeting, mark,
    individual help, enrolment, waiting list, referral, diagnostic, exercise, hand-over or
    change of their file since then, no device on loan, and not erased yet."""
    now = now or timezone.now()
    days = settings.PRIVACY_RETENTION_DAYS if days is None else days
    since = now - datetime.timedelta(days=days)
    learner = OuterRef("pk")
    recent = [
        # A meeting is a contact, whatever the mark; correcting an old mark is not.
        Attendance.objects.filter(learner=learner, meeting__starts_at__gte=since),
        HelpVisit.objects.filter(learner=learner, date__gte=since.date()),
        # Enrolled lately, or in a cohort that still meets (or will).
        Enrolment.objects.filter(
            Q(enrolled_at__gte=since) | Q(cohort__meetings__starts_at__gte=since),
            learner=learner,
        ),
        WaitingListEntry.objects.filter(learner=learner, added_at__gte=since),
        Referral.objects.filter(learner=learner, created_at__gte=since),
        Assessment.objects.filter(
            Q(started_at__gte=since) | Q(completed_at__gte=since),
            learner_user_id=OuterRef("user_id"),
        ),
        Attempt.objects.filter(learner=learner, started_at__gte=since),
        Handover.objects.filter(
            Q(handed_over_at__gte=since)
            | Q(formula=Handover.Formula.LOAN, status=Handover.Status.ACTIVE),
            enrolment__learner=learner,
        ),
        AuditEntry.objects.filter(
            learner_id=learner, action=AuditEntry.Action.CHANGED, at__gte=since
        ),
        AuditEntry.objects.filter(learner_id=learner, action=AuditEntry.Action.ERASED),
    ]
    queryset = Learner.objects.filter(created_at__lt=since)
    for rows in recent:
        queryset = queryset.exclude(Exists(rows))
    return queryset.order_by("pk")


def anonymise_inactive(*, now=None, days=None):
    """Erase every learner without contact for the retention period, one transaction each
    (one failure leaves the others done). Safe to run twice: an erased learner is skipped.
    Returns the ids erased."""
    erased = []
    for learner_id in inactive_learners(now=now, days=days).values_list("pk", flat=True):
        try:
            learner_erase(actor=None, learner_id=learner_id, detail="retention")
        except ValidationError as error:  # erased or lent a device meanwhile
            logger.info("Learner %s not anonymised: %s", learner_id, error.code)
            continue
        erased.append(learner_id)
    return erased
