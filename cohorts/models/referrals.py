"""Referrals: a social worker (CCAS, CAF, France Travail, centre social) sends a person to
an association for a computer at a reduced price, for training, or both."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.scoping import STAFF_MANAGER_ROLES, OrganisationScopedQuerySet

from .learners import Learner


class ReferralQuerySet(OrganisationScopedQuerySet):
    """A prescriber sees the referrals they sent; the receiving structure's coordinators see
    those sent to it; nobody else sees any."""

    scope_path = "organisation"
    scope_roles = STAFF_MANAGER_ROLES
    scope_owner = "prescriber"


class Referral(models.Model):
    class Need(models.TextChoices):
        EQUIPMENT = "equipment", _("Un ordinateur à prix réduit")
        TRAINING = "training", _("Une formation")
        BOTH = "both", _("Les deux")

    class Status(models.TextChoices):
        SENT = "sent", _("Envoyée")
        ACCEPTED = "accepted", _("Acceptée")
        DECLINED = "declined", _("Refusée")

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("structure qui accueille"),
        on_delete=models.PROTECT,
        related_name="referrals_received",
    )
    prescriber_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("service prescripteur"),
        on_delete=models.PROTECT,
        related_name="referrals_sent",
    )
    prescriber = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("prescripteur"),
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    first_name = models.CharField(_("prénom"), max_length=100)
    last_name = models.CharField(_("nom"), max_length=100)
    phone = models.CharField(_("téléphone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("langue"), max_length=20, default="fr")
    reads_french = models.BooleanField(_("lit le français"), default=True)
    need = models.CharField(_("besoin"), max_length=10, choices=Need.choices)
    receives_rsa = models.BooleanField(_("reçoit le RSA"), default=False)
    lives_in_qpv = models.BooleanField(_("habite un quartier prioritaire (QPV)"), default=False)
    is_job_seeker = models.BooleanField(_("demandeur d'emploi"), default=False)
    note = models.TextField(_("note"), max_length=1000, blank=True)
    consent = models.BooleanField(
        _("la personne est d'accord"),
        default=False,
        help_text=_("La personne accepte que ses coordonnées soient transmises."),
    )
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.SENT)
    decline_reason = models.CharField(_("raison du refus"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("décidé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("décidé le"), null=True, blank=True)
    learner = models.ForeignKey(
        Learner,
        verbose_name=_("apprenant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )
    diagnostic_at = models.DateTimeField(_("rendez-vous de diagnostic"), null=True, blank=True)
    diagnostic_place = models.CharField(_("lieu du rendez-vous"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("orientation")
        verbose_name_plural = _("orientations")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self):
        return f"{self.first_name} {self.last_name} → {self.organisation} ({self.status})"
