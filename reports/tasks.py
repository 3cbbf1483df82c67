"""django-q2 task of reports: the funder reports sent on a rhythm. Safe to run twice.

Every day (schedule "Bilans financeurs", migration 0002), each active subscription gets the
report of the last complete period of its rhythm, once:

1. The `ReportDelivery` row is got or created; its unique constraint (subscription, period)
   means two runs, or two workers, share one row.
2. The PDF and the spreadsheet are made only if the row has none, and stored on it: a worker
   that restarts after this step does not make them again.
3. The e-mail leaves only while `sent_at` is empty, under a lock on the row, and `sent_at` is
   written in that same transaction. A second worker waits for the lock, then finds
   `sent_at` set and sends nothing.

The crash window. Sending is not part of the database transaction, so one of two promises
has to give if the process dies between the mail server accepting the message and the
commit. We send first and mark in the same transaction: a crash in that window (a few
milliseconds after the SMTP exchange) leaves `sent_at` empty and the next run sends again,
so a funder may, very rarely, get the report twice. The other order (mark and commit, then
send) would instead lose the report silently on a crash before or during sending, which
nobody would notice: a missing report is worse than a duplicate one. A crash anywhere else
(while making the files, before the SMTP exchange) neither sends twice nor loses anything.

Deliveries left unsent (a crash, a mail server down) are retried on the next daily run.
"""

import logging
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import exports
from .models import ReportDelivery, ReportSubscription

logger = logging.getLogger(__name__)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _unguessable(filename):
    """Media files are served by the web server as they are: a random prefix keeps a stored
    report from being found by its name (downloads go through a scoped admin view)."""
    return f"{secrets.token_hex(8)}-{filename}"


def _locked(delivery_pk):
    """The delivery row, locked until the end of the current transaction.

    `select_for_update` locks the row on PostgreSQL; SQLite ignores it, so the update first
    takes SQLite's write lock (which a second worker waits for) without changing anything.
    """
    ReportDelivery.objects.filter(pk=delivery_pk).update(status=F("status"))
    return ReportDelivery.objects.select_for_update().get(pk=delivery_pk)


def delivery_files_make(delivery_pk):
    """Make and store the PDF and the spreadsheet of a delivery, unless it has them."""
    with transaction.atomic():
        delivery = _locked(delivery_pk)
        if delivery.pdf and delivery.xlsx:
            return delivery
        subscription = ReportSubscription.objects.select_related("programme").get(
            pk=delivery.subscription_id
        )
        with translation.override(settings.LANGUAGE_CODE):
            report = exports.Report.build(
                subscription.programme, delivery.period_start, delivery.period_end
            )
            if not delivery.xlsx:
                content = ContentFile(exports.xlsx(report))
                delivery.xlsx.save(_unguessable(report.filename("xlsx")), content, save=False)
            if not delivery.pdf:
                content = ContentFile(exports.pdf(report))
                delivery.pdf.save(_unguessable(report.filename("pdf")), content, save=False)
        delivery.generated_at = timezone.now()
        delivery.status = ReportDelivery.Status.GENERATED
        delivery.save(update_fields=["pdf", "xlsx", "generated_at", "status"])
    return delivery


def _message(subscription, delivery, recipients):
    programme = subscription.programme
    period = _("du %(start)s au %(end)s") % {
        "start": delivery.period_start.strftime("%d/%m/%Y"),
        "end": delivery.period_end.strftime("%d/%m/%Y"),
    }
    subject = _("Bilan %(programme)s, %(period)s") % {"programme": programme.name, "period": period}
    body = "\n".join(
        [
            _("Bonjour,"),
            "",
            _("Vous trouverez ci-joint le bilan du dispositif %(programme)s, %(period)s,")
            % {"programme": programme.name, "period": period},
            _("en PDF et en tableur. Les petits effectifs (moins de 5) n'y figurent pas."),
            "",
            _("Ce message est envoyé automatiquement, %(rhythm)s.")
            % {"rhythm": subscription.get_rhythm_display().lower()},
        ]
    )
    message = EmailMessage(subject=subject, body=body, to=recipients)
    for field, mimetype in ((delivery.pdf, "application/pdf"), (delivery.xlsx, XLSX_TYPE)):
        with field.open("rb") as handle:
            message.attach(field.name.rsplit("/", 1)[-1], handle.read(), mimetype)
    return message


def delivery_send(delivery_pk):
    """E-mail a delivery's files to its subscription's recipients, unless already sent.

    Returns whether this call sent it."""
    with transaction.atomic():
        delivery = _locked(delivery_pk)
        if delivery.sent_at is not None:
            return False
        if not (delivery.pdf and delivery.xlsx):
            raise ValueError(f"Report delivery {delivery_pk} has no files yet.")
        subscription = ReportSubscription.objects.select_related("programme").get(
            pk=delivery.subscription_id
        )
        recipients = subscription.recipient_list()
        if not recipients:
            return False
        with translation.override(settings.LANGUAGE_CODE):
            message = _message(subscription, delivery, recipients)
        message.send()
        # Same transaction as the lock: see the module docstring for the crash window.
        delivery.sent_at = timezone.now()
        delivery.status = ReportDelivery.Status.SENT
        delivery.recipients = "\n".join(recipients)
        delivery.save(update_fields=["sent_at", "status", "recipients"])
    return True


def deliveries_send(today=None):
    """Send each active subscription's report of the last complete period, once."""
    today = today or timezone.localdate()
    subscriptions = ReportSubscription.objects.filter(is_active=True).select_related("programme")
    for subscription in subscriptions:
        starts_on, ends_on = subscription.period_before(today)
        programme = subscription.programme
        if programme.ends_on < starts_on or programme.starts_on > ends_on:
            continue  # the programme did not run in that period: nothing to report
        ReportDelivery.objects.get_or_create(
            subscription=subscription, period_start=starts_on, period_end=ends_on
        )
    pending = ReportDelivery.objects.filter(
        subscription__is_active=True, sent_at__isnull=True
    ).order_by("period_start", "pk")
    sent = failed = 0
    for delivery_pk in pending.values_list("pk", flat=True):
        try:
            delivery_files_make(delivery_pk)
            sent += delivery_send(delivery_pk)
        except Exception:  # one programme's failure must not stop the others
            failed += 1
            logger.exception("Funder report delivery %s failed", delivery_pk)
    logger.info("Funder reports on %s: %s sent, %s failed", today, sent, failed)
    return {"sent": sent, "failed": failed}
