"""Registry entries for the learner's file and their account (sign-in code, e-mail
addresses, user), registered last: the other entries find the learner's rows through them."""

import secrets

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from accounts.models import LearnerAccount
from cohorts.models import Learner

from .base import ERASED_FIRST_NAME, erased_last_name, exporter, register

LEARNER_FIELDS = [
    "organisation",
    "first_name",
    "last_name",
    "phone",
    "email",
    "birth_year",
    "gender",
    "language",
    "reads_french",
    "lives_in_qpv",
    "receives_rsa",
    "is_job_seeker",
    "referred_by",
    "child_class",
    "household",
    "consent_at",
    "consent_text",
    "created_at",
]


def _learner_erase(learner, erasure):
    # Birth year, gender, language and the QPV / RSA / job-seeker flags stay: the reports
    # count them; without a name they describe nobody. The consent's date and text stay as
    # proof of what the person agreed to.
    return Learner.objects.filter(pk=learner.pk).update(
        first_name=ERASED_FIRST_NAME,
        last_name=erased_last_name(learner),
        phone="",
        email="",
        referred_by="",
        child_class="",
        household="",
    )


register(
    Learner,
    export=exporter(lambda learner: Learner.objects.filter(pk=learner.pk), LEARNER_FIELDS),
    erase=_learner_erase,
)


register(
    LearnerAccount,
    export=exporter(
        lambda learner: LearnerAccount.objects.filter(user_id=learner.user_id),
        ["code", "pin_set_at", "failed_attempts", "locked_until"],
    ),
    # The sign-in code goes with the account's sign-in.
    erase=lambda learner, erasure: (
        LearnerAccount.objects.filter(user_id=learner.user_id).delete()[0] if learner.user_id else 0
    ),
)
register(
    EmailAddress,
    export=exporter(
        lambda learner: EmailAddress.objects.filter(user_id=learner.user_id),
        ["email", "verified", "primary"],
    ),
    erase=lambda learner, erasure: (
        EmailAddress.objects.filter(user_id=learner.user_id).delete()[0] if learner.user_id else 0
    ),
)

User = get_user_model()


def _user_erase(learner, erasure):
    """The account stays, anonymised and unable to sign in: the diagnostics point at it, and
    the reports compare a person's first and last diagnostic through it."""
    if not learner.user_id:
        return 0
    return User.objects.filter(pk=learner.user_id).update(
        username=f"efface-{learner.user_id}-{secrets.token_hex(4)}",
        first_name="",
        last_name="",
        email="",
        phone="",
        password=make_password(None),
        is_active=False,
    )


register(
    User,
    export=exporter(
        lambda learner: User.objects.filter(pk=learner.user_id),
        ["username", "first_name", "last_name", "email", "phone", "date_joined", "last_login"],
    ),
    erase=_user_erase,
)
