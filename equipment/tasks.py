"""django-q2 tasks of equipment. Each is safe to run twice."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Organisation, Role

from .models import Handover
from .services import loans_ending

logger = logging.getLogger(__name__)

REMINDER_DAYS = 14


def _coordinator_emails(organisation_id):
    return sorted(
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organisation_id=organisation_id,
            memberships__role=Role.COORDINATOR,
            memberships__is_active=True,
        )
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )


def _message(organisation, loans, today):
    lines = [
        _("Bonjour,"),
        "",
        _("Ces prêts d'ordinateurs de %(organisation)s se terminent bientôt :")
        % {"organisation": organisation.name},
        "",
    ]
    for loan in loans:
        learner = loan.enrolment.learner
        late = f" ({_('en retard')})" if loan.loan_ends_on < today else ""
        lines.append(
            _("- %(name)s : %(code)s, fin du prêt le %(end)s%(late)s")
            % {
                "name": f"{learner.first_name} {learner.last_name}",
                "code": loan.device.inventory_code,
                "end": formats.date_format(loan.loan_ends_on, "j F Y"),
                "late": late,
            }
        )
    lines += [
        "",
        _("Appelez chaque personne : elle rend l'appareil ou elle l'achète."),
        _("Ensuite, notez la fin du prêt ici : %(url)s")
        % {"url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("equipment:loans")},
        "",
        _("Tremplin"),
    ]
    return "\n".join(lines)


def loan_reminders(today=None):
    """E-mail each structure's coordinators about the loans ending within 14 days (or
    overdue) that no reminder went out for yet. A loan is marked in the same transaction
    as its mail is sent, and the rows are locked first: a loan is never mailed twice, and
    a mail that fails leaves it for the next run."""
    today = today or timezone.localdate()
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for organisation in Organisation.objects.filter(is_active=True).order_by("pk"):
            recipients = _coordinator_emails(organisation.pk)
            if not recipients:
                continue
            with transaction.atomic():
                loans = list(
                    loans_ending(
                        organisation_ids=[organisation.pk], today=today, days=REMINDER_DAYS
                    )
                    .filter(reminder_sent_on__isnull=True)
                    .select_for_update(of=("self",))
                )
                if not loans:
                    continue
                Handover.objects.filter(pk__in=[loan.pk for loan in loans]).update(
                    reminder_sent_on=today
                )
                send_mail(
                    _("Prêts d'ordinateurs qui se terminent : %(count)s") % {"count": len(loans)},
                    _message(organisation, loans, today),
                    None,
                    recipients,
                )
            sent += len(loans)
            logger.info(
                "loan reminders: %s loan(s) of organisation %s", len(loans), organisation.pk
            )
    return sent
