"""Writes on accounts: roles, learner accounts, PINs, and the learner log-in rules."""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from . import throttle
from .models import (
    LearnerAccount,
    Membership,
    Organisation,
    User,
    learner_code_generate,
    learner_code_normalise,
)
from .roles import user_sync_role_groups
from .scoping import scoped_get

LEARNER_LOGIN_INVALID = gettext_noop(
    "Le code ou le code PIN ne correspond pas. Vérifiez et essayez encore."
)
LEARNER_LOGIN_LOCKED = gettext_noop(
    "Trop d'essais. L'accès est bloqué pendant %(minutes)s minutes. "
    "Demandez de l'aide à votre formateur ou formatrice."
)
LEARNER_LOGIN_THROTTLED = gettext_noop(
    "Trop d'essais depuis cet appareil. Attendez quelques minutes, "
    "ou demandez de l'aide à votre formateur ou formatrice."
)
LEARNER_PIN_NOT_ALLOWED = gettext_noop("Vous ne pouvez pas changer le code PIN de cet apprenant.")
PIN_LENGTH = 4


@transaction.atomic
def membership_grant(*, user, organisation, role):
    """Give `user` a role in `organisation` (re-activating it if it was withdrawn)."""
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role, defaults={"is_active": True}
    )
    if not created and not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active"])
    _refresh_roles(user)
    return membership


@transaction.atomic
def membership_revoke(*, user, organisation, role):
    """Withdraw a role; the person keeps their account and their other roles."""
    Membership.objects.filter(user=user, organisation=organisation, role=role).update(
        is_active=False
    )
    _refresh_roles(user)


def _refresh_roles(user):
    user.__dict__.pop("_active_roles", None)
    user_sync_role_groups(user)


def _is_easy_pin(pin):
    digits = [int(c) for c in pin]
    steps = {b - a for a, b in zip(digits, digits[1:], strict=False)}
    return len(set(digits)) == 1 or steps in ({1}, {-1})


def pin_generate(length=PIN_LENGTH):
    """A random PIN that is not a run like 1234 or 0000."""
    while True:
        pin = "".join(secrets.choice("0123456789") for _ in range(length))
        if not _is_easy_pin(pin):
            return pin


def _unique_code():
    for _attempt in range(20):
        code = learner_code_generate()
        if not LearnerAccount.objects.filter(code=code).exists():
            return code
    raise RuntimeError("Could not draw a free learner code")  # 31**6 codes: not in practice


@transaction.atomic
def learner_account_create(*, organisation, first_name, last_name, actor=None, code=None, pin=None):
    """Create a learner's sign-in account; return it with the PIN in clear, shown once."""
    code = learner_code_normalise(code) if code else _unique_code()
    pin = pin or pin_generate()
    user = User(
        username=f"apprenant-{code.lower()}",
        first_name=first_name,
        last_name=last_name,
    )
    user.set_password(pin)
    user.full_clean()
    user.save()
    account = LearnerAccount(
        user=user,
        organisation=organisation,
        code=code,
        pin_set_at=timezone.now(),
        pin_set_by=actor,
    )
    account.full_clean()
    account.save()
    return account, pin


@transaction.atomic
def learner_pin_reset(*, actor, account_id):
    """A trainer or coordinator hands out a new PIN; it also lifts a lock-out."""
    account = scoped_get(
        LearnerAccount.objects.select_for_update().select_related("user"),
        actor=actor,
        pk=account_id,
        denied=LEARNER_PIN_NOT_ALLOWED,
    )
    pin = pin_generate()
    account.user.set_password(pin)
    account.user.save(update_fields=["password"])
    account.failed_attempts = 0
    account.locked_until = None
    account.pin_set_at = timezone.now()
    account.pin_set_by = actor
    account.save(update_fields=["failed_attempts", "locked_until", "pin_set_at", "pin_set_by"])
    return account, pin


def learner_authenticate(*, request, code, pin):
    """Check a learner's code and PIN under the lock-out rules; return the user.

    Raises ValidationError with a message for the learner. Counters are written in their own
    transaction so that the refusal itself does not roll them back.
    """
    # Only failures count against an address: a classroom behind one Wi-Fi box signs in
    # a dozen learners at once.
    ip_key = f"learner-login:{throttle.client_ip(request)}"
    if throttle.count(ip_key) >= settings.LEARNER_LOGIN_IP_LIMIT:
        raise ValidationError(_(LEARNER_LOGIN_THROTTLED), code="throttled")

    normalised = learner_code_normalise(code)
    max_attempts = settings.LEARNER_PIN_MAX_ATTEMPTS
    lock_minutes = settings.LEARNER_PIN_LOCK_MINUTES
    locked_message = _(LEARNER_LOGIN_LOCKED) % {"minutes": lock_minutes}
    error = None
    with transaction.atomic():
        account = (
            LearnerAccount.objects.select_for_update().filter(code=normalised).first()
            if normalised
            else None
        )
        now = timezone.now()
        if account is not None and account.is_locked(now):
            error = ValidationError(locked_message, code="locked")
        else:
            user = authenticate(request, code=normalised, pin=pin)
            if user is not None:
                if account.failed_attempts or account.locked_until:
                    account.failed_attempts = 0
                    account.locked_until = None
                    account.save(update_fields=["failed_attempts", "locked_until"])
                return user
            throttle.hit(
                ip_key,
                limit=settings.LEARNER_LOGIN_IP_LIMIT,
                window=settings.LEARNER_LOGIN_IP_WINDOW_SECONDS,
            )
            if account is None:
                error = ValidationError(_(LEARNER_LOGIN_INVALID), code="invalid")
            else:
                account.failed_attempts += 1
                left = max_attempts - account.failed_attempts
                if left <= 0:
                    account.failed_attempts = 0
                    account.locked_until = now + datetime.timedelta(minutes=lock_minutes)
                    error = ValidationError(locked_message, code="locked")
                else:
                    messages = [_(LEARNER_LOGIN_INVALID)]
                    if left <= 2:
                        messages.append(
                            ngettext(
                                "Attention : encore %(count)s essai, puis l'accès sera bloqué.",
                                "Attention : encore %(count)s essais, puis l'accès sera bloqué.",
                                left,
                            )
                            % {"count": left}
                        )
                    error = ValidationError(" ".join(messages), code="invalid")
                account.save(update_fields=["failed_attempts", "locked_until"])
    raise error


def organisation_ensure(*, slug, name, kind, network=None, commune="", postal_code=""):
    """Create an organisation, or return the existing one with that slug unchanged."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is not None:
        return organisation
    organisation = Organisation(
        slug=slug,
        name=name,
        kind=kind,
        network=network,
        commune=commune,
        postal_code=postal_code,
    )
    organisation.full_clean()
    organisation.save()
    return organisation
