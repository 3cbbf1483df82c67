"""Authentication backends: learners by code and PIN; permissions granted by role."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend

from .models import LearnerAccount, learner_code_normalise

# What each role may do in the Wagtail admin. Coordinators run their structure from there.
ROLE_PERMISSIONS = {
    "coordinator": {"wagtailadmin.access_admin"},
}


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


class RolePermissionBackend(BaseBackend):
    """Grants permissions from the roles a user holds (accounts.Membership).

    Roles change when memberships change, with no group to keep in sync.
    """

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        perms = set()
        for role in user_obj.active_roles():
            perms |= ROLE_PERMISSIONS.get(role, set())
        return perms

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)
