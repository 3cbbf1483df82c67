"""Loans over time: the default term, the loans that end soon, and the end of a loan (the
learner buys the device, or gives it back to the chain for erasure)."""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.scoping import scoped_get

from ..chain import NOT_ALLOWED, S, event_record, locked_device, step
from ..models import Handover

HANDOVER_NOT_A_LOAN = gettext_noop("Seul un prêt en cours peut se terminer ainsi.")

LOAN_DEFAULT_MONTHS = 6


def months_later(day, months):
    """The same day `months` later, or the month's last day (31 August + 6 → 28 February)."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, min(day.day, last_day))


@transaction.atomic
def loan_end(*, actor, handover_id, bought):
    """End a loan: the learner buys the device (it stays theirs), or gives it back (it
    goes back to erasure)."""
    handover = scoped_get(
        Handover.objects.select_related("device"),
        actor=actor,
        pk=handover_id,
        for_update=True,
        denied=NOT_ALLOWED,
    )
    if handover.formula != Handover.Formula.LOAN or handover.status != Handover.Status.ACTIVE:
        raise ValidationError(_(HANDOVER_NOT_A_LOAN))
    handover.ended_on = timezone.localdate()
    if bought:
        handover.status = Handover.Status.BOUGHT
        handover.save(update_fields=["status", "ended_on"])
        event_record(
            handover.device, S.HANDED_OVER, S.HANDED_OVER, actor, _("Acheté en fin de prêt")
        )
        return handover
    handover.status = Handover.Status.RETURNED
    handover.save(update_fields=["status", "ended_on"])
    device = locked_device(actor, handover.device_id)
    step(device, S.RETURNED, actor, _("Fin du prêt"))
    return handover


def loans_ending(*, organisation_ids, today=None, days=14):
    """Active loans that end within `days` (or are overdue), soonest first."""
    today = today or timezone.localdate()
    return (
        Handover.objects.filter(
            device__organisation_id__in=organisation_ids,
            formula=Handover.Formula.LOAN,
            status=Handover.Status.ACTIVE,
            loan_ends_on__lte=today + datetime.timedelta(days=days),
        )
        .select_related("device", "enrolment__learner", "enrolment__cohort")
        .order_by("loan_ends_on")
    )
