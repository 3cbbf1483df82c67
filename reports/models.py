"""Funder reports sent on a rhythm: who receives a programme's report, and each sending.

A `ReportDelivery` is one programme's report for one period: unique per subscription and
period, its files stored once, `sent_at` set once the e-mail has left (reports.tasks).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.scoping import STAFF_MANAGER_ROLES, OrganisationScopedQuerySet

INVALID_RECIPIENT = _("« %(value)s » n'est pas une adresse e-mail valide (une adresse par ligne).")
NO_RECIPIENT = _("Indiquez au moins une adresse e-mail.")


def recipients_split(text):
    """The addresses of a recipients field: one a line, blank lines ignored."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def validate_recipients(text):
    addresses = recipients_split(text)
    if not addresses:
        raise ValidationError(NO_RECIPIENT, code="required")
    errors = []
    for address in addresses:
        try:
            validate_email(address)
        except ValidationError:
            errors.append(
                ValidationError(INVALID_RECIPIENT, code="invalid", params={"value": address})
            )
    if errors:
        raise ValidationError(errors)


class ReportSubscriptionQuerySet(OrganisationScopedQuerySet):
    """Subscriptions of the programmes of the organisations the actor coordinates."""

    scope_path = "programme__organisation"
    scope_roles = STAFF_MANAGER_ROLES


class ReportSubscription(models.Model):
    class Rhythm(models.TextChoices):
        MONTHLY = "monthly", _("Chaque mois")
        QUARTERLY = "quarterly", _("Chaque trimestre")
        YEARLY = "yearly", _("Chaque année")

    programme = models.ForeignKey(
        "cohorts.Programme",
        verbose_name=_("dispositif"),
        on_delete=models.CASCADE,
        related_name="report_subscriptions",
    )
    recipients = models.TextField(
        _("destinataires"),
        validators=[validate_recipients],
        help_text=_("Une adresse e-mail par ligne."),
    )
    rhythm = models.CharField(
        _("rythme"), max_length=10, choices=Rhythm.choices, default=Rhythm.QUARTERLY
    )
    is_active = models.BooleanField(_("actif"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créé par"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = ReportSubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("envoi des bilans")
        verbose_name_plural = _("envois des bilans")
        ordering = ["programme__name", "pk"]

    def __str__(self):
        return f"{self.programme} ({self.get_rhythm_display()})"

    def recipient_list(self):
        return recipients_split(self.recipients)

    def period_before(self, today):
        """The last complete period of this rhythm ending before `today`: (first, last day)."""
        return period_before(self.rhythm, today)


def period_before(rhythm, today):
    if rhythm == ReportSubscription.Rhythm.MONTHLY:
        first_of_current = today.replace(day=1)
    elif rhythm == ReportSubscription.Rhythm.QUARTERLY:
        first_of_current = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
    elif rhythm == ReportSubscription.Rhythm.YEARLY:
        first_of_current = today.replace(month=1, day=1)
    else:
        raise ValueError(f"Unknown rhythm: {rhythm}")
    ends_on = first_of_current - datetime.timedelta(days=1)
    if rhythm == ReportSubscription.Rhythm.MONTHLY:
        starts_on = ends_on.replace(day=1)
    elif rhythm == ReportSubscription.Rhythm.QUARTERLY:
        starts_on = ends_on.replace(month=(ends_on.month - 1) // 3 * 3 + 1, day=1)
    else:
        starts_on = ends_on.replace(month=1, day=1)
    return starts_on, ends_on


class ReportDeliveryQuerySet(OrganisationScopedQuerySet):
    """Reports sent for the programmes of the organisations the actor coordinates."""

    scope_path = "subscription__programme__organisation"
    scope_roles = STAFF_MANAGER_ROLES


class ReportDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("En préparation")
        GENERATED = "generated", _("Fichiers prêts")
        SENT = "sent", _("Envoyé")

    subscription = models.ForeignKey(
        ReportSubscription,
        verbose_name=_("envoi des bilans"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    period_start = models.DateField(_("début de la période"))
    period_end = models.DateField(_("fin de la période"))
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    pdf = models.FileField(_("PDF"), upload_to="reports/%Y/%m/", blank=True)
    xlsx = models.FileField(_("tableur"), upload_to="reports/%Y/%m/", blank=True)
    generated_at = models.DateTimeField(_("fichiers faits le"), null=True, blank=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    recipients = models.TextField(_("envoyé à"), blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = ReportDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("bilan envoyé")
        verbose_name_plural = _("bilans envoyés")
        ordering = ["-period_start", "subscription_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "period_start", "period_end"],
                name="reports_delivery_once_per_period",
            )
        ]

    def __str__(self):
        start, end = f"{self.period_start:%d/%m/%Y}", f"{self.period_end:%d/%m/%Y}"
        return f"{self.subscription.programme} : {start} – {end}"
