"""The evidence a meeting and a track leave: signatures on screen, diplomas and attendance
certificates. Both are kept as issued: a closed meeting's signatures and an issued diploma
never change."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.scoping import LEARNER_ACCESS_ROLES, OrganisationScopedQuerySet

from .enrolments import Enrolment
from .learners import Learner
from .meetings import Meeting


class SignatureQuerySet(OrganisationScopedQuerySet):
    """Signatures at the meetings of the cohorts of the actor's organisations."""

    scope_path = "meeting__cohort__organisation"
    scope_roles = LEARNER_ACCESS_ROLES


class Signature(models.Model):
    """One signature drawn on screen: a learner present at a meeting, or its trainer."""

    class Role(models.TextChoices):
        LEARNER = "learner", _("Apprenant")
        TRAINER = "trainer", _("Formateur")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("séance"), on_delete=models.CASCADE, related_name="signatures"
    )
    role = models.CharField(_("signataire"), max_length=10, choices=Role.choices)
    learner = models.ForeignKey(
        Learner,
        verbose_name=_("apprenant"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="signatures",
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("formateur"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    image = models.FileField(_("signature (PNG)"), upload_to="signatures/%Y/%m/")
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64)
    signed_at = models.DateTimeField(_("signé le"), default=timezone.now)
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recueilli par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField(_("adresse IP"), null=True, blank=True)
    user_agent = models.CharField(_("navigateur"), max_length=300, blank=True)

    objects = SignatureQuerySet.as_manager()

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "learner"],
                condition=models.Q(role="learner"),
                name="cohorts_signature_learner_once",
            ),
            models.UniqueConstraint(
                fields=["meeting", "trainer"],
                condition=models.Q(role="trainer"),
                name="cohorts_signature_trainer_once",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(role="learner", learner__isnull=False, trainer__isnull=True)
                    | models.Q(role="trainer", trainer__isnull=False, learner__isnull=True)
                ),
                name="cohorts_signature_one_signer",
            ),
        ]

    def __str__(self):
        return f"{self.learner or self.trainer} — {self.meeting}"


class DiplomaQuerySet(OrganisationScopedQuerySet):
    """Diplomas and certificates of the cohorts of the actor's organisations."""

    scope_path = "enrolment__cohort__organisation"
    scope_roles = LEARNER_ACCESS_ROLES


class Diploma(models.Model):
    """A diploma (the track completed) or an attendance certificate (hours attended), as
    printed: names, track, hours and competences are kept as they were on the day."""

    class Kind(models.TextChoices):
        DIPLOMA = "diploma", _("Diplôme")
        CERTIFICATE = "certificate", _("Attestation de présence")

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("inscription"), on_delete=models.PROTECT, related_name="diplomas"
    )
    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    code = models.CharField(_("code de vérification"), max_length=12, unique=True)
    first_name = models.CharField(_("prénom"), max_length=100)
    last_name = models.CharField(_("nom"), max_length=100)
    track_title = models.CharField(_("parcours"), max_length=255)
    organisation_name = models.CharField(_("structure"), max_length=200)
    attended_minutes = models.PositiveIntegerField(_("minutes suivies"))
    planned_minutes = models.PositiveIntegerField(_("minutes prévues"))
    competences = models.JSONField(_("compétences travaillées"), default=list, blank=True)
    issued_on = models.DateField(_("délivré le"))
    issued_at = models.DateTimeField(_("enregistré le"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("délivré par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_reason = models.TextField(
        _("raison de la décision"),
        blank=True,
        help_text=_("Quand la coordination délivre le diplôme sans que la règle soit remplie."),
    )
    emailed_at = models.DateTimeField(
        _("envoyé par e-mail le"),
        null=True,
        blank=True,
        help_text=_("Envoyé une fois à l'adresse de la personne, quand elle en a une."),
    )

    objects = DiplomaQuerySet.as_manager()

    class Meta:
        verbose_name = _("diplôme ou attestation")
        verbose_name_plural = _("diplômes et attestations")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "kind"], name="cohorts_diploma_once")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.first_name} {self.last_name} — {self.code}"

    @property
    def public_name(self):
        """What the public verification page shows: first name and initial only."""
        initial = self.last_name.strip()[:1].upper()
        return f"{self.first_name} {initial}." if initial else self.first_name
