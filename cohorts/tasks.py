"""django-q2 tasks of cohorts. Each is safe to run twice."""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from documents.store import document_fill

from . import sms
from .evidence import diploma_email
from .models import Diploma, Enrolment, Meeting, Reminder
from .printables import DiplomaPrintable

logger = logging.getLogger(__name__)


def diploma_batch_render(document_id):
    """All the diplomas and certificates of a cohort in one PDF, one page each; then each
    learner who gave an e-mail address receives their own, once."""

    def build(params):
        diplomas = Diploma.objects.filter(pk__in=params["diploma_ids"]).order_by(
            "last_name", "first_name", "kind"
        )
        printable = DiplomaPrintable(diplomas=diplomas, verify_url=params["verify_url"])
        return printable.filename(), printable.render()

    def email_each(document):
        # Each learner with an e-mail address gets their own page, once (evidence.py says
        # how a retried or doubled run sends nothing twice).
        sent = 0
        for diploma_id in sorted(document.params["diploma_ids"]):
            sent += diploma_email(diploma_id=diploma_id, verify_url=document.params["verify_url"])
        logger.info("Diploma batch %s: %s e-mail(s) sent", document_id, sent)

    document_fill(document_id, build, after=email_each)


def reminders_send(today=None):
    """The day before each meeting, remind each enrolled learner once: by SMS when we have
    their phone number, otherwise in their space only (which shows it anyway).

    The Reminder row is written before the SMS leaves and its uniqueness is the guard, so
    a second run, or two workers at once, never send twice. A failed SMS is noted on the
    row and not retried: the next day it would come too late.
    """
    today = today or timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    meetings = (
        Meeting.objects.filter(starts_at__date=tomorrow)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("cohort", "session_plan")
        .order_by("starts_at", "pk")
    )
    backend = None
    sent = shown = 0
    for meeting in meetings:
        enrolments = (
            Enrolment.objects.filter(cohort_id=meeting.cohort_id)
            .exclude(status=Enrolment.Status.DROPPED)
            .exclude(learner__reminders__meeting=meeting)
            .select_related("learner")
        )
        for enrolment in enrolments:
            learner = enrolment.learner
            phone = learner.phone.strip()
            channel = Reminder.Channel.SMS if phone else Reminder.Channel.SPACE
            try:
                with transaction.atomic():
                    reminder = Reminder.objects.create(
                        meeting=meeting, learner=learner, channel=channel
                    )
            except IntegrityError:
                continue  # another run got there first
            if not phone:
                shown += 1
                continue
            backend = backend or sms.backend_get()
            try:
                backend.send(phone=phone, text=sms.reminder_text(meeting=meeting, learner=learner))
            except sms.SmsError as error:
                logger.warning("Reminder SMS for meeting %s failed: %s", meeting.pk, error)
                reminder.detail = f"Échec de l'envoi : {error}"[:300]
                reminder.save(update_fields=["detail"])
            else:
                sent += 1
    logger.info("Session reminders for %s: %s SMS, %s in the space only", tomorrow, sent, shown)
    return {"sms": sent, "space": shown}
