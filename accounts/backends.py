"""Authentication backend for learners: a code and a PIN."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend

from .models import LearnerAccount, learner_code_normalise


class LearnerCodeBackend(BaseBackend):
    """Checks a learner's code and PIN. Lock-out and throttling are the caller's job
    (accounts.services.learner_authenticate); this backend only answers yes or no."""

    def authenticate(self, request, code=None, pin=None, **kwargs):
        if code is None or pin is None:
            return None
        account = (
            LearnerAccount.objects.select_related("user")
            .filter(code=learner_code_normalise(code))
            .first()
        )
        if account is None:
            # Spend the same time as a real check, so that timing does not reveal codes.
            get_user_model()().set_password(pin)
            return None
        user = account.user
        if user.is_active and user.check_password(pin):
            return user
        return None

    def get_user(self, user_id):
        User = get_user_model()
        try:
            return User._default_manager.get(pk=user_id)
        except User.DoesNotExist:
            return None
