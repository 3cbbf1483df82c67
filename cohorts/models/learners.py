"""Learners: the person a structure follows, the minimum it needs, and the consent given."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.scoping import LEARNER_ACCESS_ROLES, OrganisationScopedQuerySet


class LearnerQuerySet(OrganisationScopedQuerySet):
    """Learners of the organisations where the actor coordinates or trains."""

    scope_path = "organisation"
    scope_roles = LEARNER_ACCESS_ROLES


class Learner(models.Model):
    """A person followed by a structure: the minimum it needs, and the consent given."""

    class Gender(models.TextChoices):
        FEMALE = "F", _("Femme")
        MALE = "M", _("Homme")
        UNSAID = "", _("Non communiqué")

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("structure"),
        on_delete=models.PROTECT,
        related_name="learners",
    )
    first_name = models.CharField(_("prénom"), max_length=100)
    last_name = models.CharField(_("nom"), max_length=100)
    phone = models.CharField(_("téléphone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    birth_year = models.PositiveSmallIntegerField(_("année de naissance"), null=True, blank=True)
    gender = models.CharField(_("genre"), max_length=1, choices=Gender.choices, blank=True)
    language = models.CharField(_("langue"), max_length=20, default="fr")
    reads_french = models.BooleanField(_("lit le français"), default=True)
    lives_in_qpv = models.BooleanField(_("habite un quartier prioritaire (QPV)"), default=False)
    receives_rsa = models.BooleanField(_("reçoit le RSA"), default=False)
    is_job_seeker = models.BooleanField(_("demandeur d'emploi"), default=False)
    referred_by = models.CharField(_("orienté par"), max_length=200, blank=True)
    child_class = models.CharField(
        _("classe de l'enfant"),
        max_length=50,
        blank=True,
        help_text=_("Pour le parcours parents : par exemple 6e B."),
    )
    household = models.CharField(
        _("foyer"),
        max_length=100,
        blank=True,
        help_text=_(
            "La même valeur pour les personnes d'un même foyer (par exemple le nom de l'enfant "
            "et sa classe) : un seul appareil par foyer sur les parcours qui le demandent."
        ),
    )
    consent_at = models.DateTimeField(_("consentement donné le"), null=True, blank=True)
    consent_text = models.TextField(_("texte du consentement"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accès apprenant"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="learner_file",
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = LearnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("apprenant")
        verbose_name_plural = _("apprenants")
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["organisation", "last_name"])]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"
