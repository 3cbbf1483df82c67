"""Users, organisations and the roles people hold in them.

A learner's personal file lives in cohorts.Learner; this app only holds the account a
learner signs in with (a code and a PIN, no e-mail needed).
"""

import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Role lives beside the scoping rules that read it; `from accounts.models import Role` holds.
from .scoping import (
    LearnerAccountQuerySet,
    MembershipQuerySet,
    OrganisationQuerySet,
    Role,
    UserQuerySet,
)


class TremplinUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A person who signs in: staff with a password, or a learner with a code and a PIN."""

    # Many learners and some volunteers have no e-mail address: it stays optional.
    email = models.EmailField(_("adresse e-mail"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=20, blank=True)

    objects = TremplinUserManager()

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="accounts_user_unique_email",
                violation_error_message=_("Un autre compte utilise déjà cette adresse e-mail."),
            )
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def is_learner(self):
        return hasattr(self, "learner_account")

    def active_roles(self):
        """The roles this user holds, strongest first, cached on the instance."""
        if "_active_roles" not in self.__dict__:
            held = set(
                self.memberships.filter(is_active=True, organisation__is_active=True)
                .values_list("role", flat=True)
                .distinct()
            )
            self._active_roles = [role for role in Role.values if role in held]
        return self._active_roles


class Organisation(models.Model):
    """A structure: association, collège, funder, social service, or a network of them."""

    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        SCHOOL = "school", _("Établissement scolaire")
        FUNDER = "funder", _("Financeur")
        SOCIAL_SERVICE = "social_service", _("Service social ou prescripteur")
        NETWORK = "network", _("Réseau")

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    network = models.ForeignKey(
        "self",
        verbose_name=_("réseau"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        limit_choices_to={"kind": Kind.NETWORK},
    )
    commune = models.CharField(_("commune"), max_length=120, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=10, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("structure")
        verbose_name_plural = _("structures")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.network_id:
            if self.kind == self.Kind.NETWORK:
                raise ValidationError(
                    {"network": _("Un réseau ne peut pas faire partie d'un autre réseau.")}
                )
            if self.network.kind != self.Kind.NETWORK:
                raise ValidationError(
                    {"network": _("Choisissez une structure de type « Réseau ».")}
                )


class Membership(models.Model):
    """A role held by a user in an organisation; a person may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("structure"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(_("actif"), default=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("rôle dans une structure")
        verbose_name_plural = _("rôles dans les structures")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                name="accounts_membership_unique_role",
                violation_error_message=_("Cette personne a déjà ce rôle dans cette structure."),
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.organisation}"


# Codes avoid letters and digits that are easy to mix up (0/O, 1/I/L).
LEARNER_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LEARNER_CODE_LENGTH = 6


def learner_code_normalise(raw):
    """Accept what a learner types: lower case, spaces or dashes between the groups."""
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


def learner_code_generate():
    return "".join(secrets.choice(LEARNER_CODE_ALPHABET) for _ in range(LEARNER_CODE_LENGTH))


class LearnerAccount(models.Model):
    """How a learner signs in: a short personal code and a PIN, handed out by a trainer.

    The PIN is stored hashed as the user's password; the lock-out counters live here.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.CASCADE,
        related_name="learner_account",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("structure"),
        on_delete=models.PROTECT,
        related_name="learner_accounts",
    )
    code = models.CharField(_("code personnel"), max_length=12, unique=True)
    failed_attempts = models.PositiveSmallIntegerField(_("essais manqués"), default=0)
    locked_until = models.DateTimeField(_("bloqué jusqu'à"), null=True, blank=True)
    pin_set_at = models.DateTimeField(_("code PIN donné le"), null=True, blank=True)
    pin_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("code PIN donné par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = LearnerAccountQuerySet.as_manager()

    class Meta:
        verbose_name = _("accès apprenant")
        verbose_name_plural = _("accès apprenants")

    def __str__(self):
        return f"{self.user} ({self.display_code})"

    @property
    def display_code(self):
        half = len(self.code) // 2
        return f"{self.code[:half]} {self.code[half:]}"

    def is_locked(self, now=None):
        return bool(self.locked_until and self.locked_until > (now or timezone.now()))
