"""Who may do what with cohorts data in the Wagtail admin.

The "Coordinateurs" group carries the model permissions; this narrows them, row by row, to
the organisations where the person coordinates. A trainer who also coordinates elsewhere
sees in the admin only the organisations they coordinate: the forms could not offer the
others anyway. The row-by-row machinery is `core.admin`; this says who coordinates.
"""

from accounts.models import Membership, Organisation
from accounts.scoping import STAFF_MANAGER_ROLES, organisation_ids_for
from core.admin import ScopedPermissionPolicy


def managed_organisations(user):
    """The organisations whose cohorts data `user` manages in the admin."""
    if user is None or not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.filter(is_active=True)
    return Organisation.objects.filter(pk__in=organisation_ids_for(user, STAFF_MANAGER_ROLES))


class CoordinatorPermissionPolicy(ScopedPermissionPolicy):
    """Model permissions from the groups, and per object: only the rows of the
    organisations one coordinates. Registered in `CohortsConfig.ready()` (and by the apps
    that use it for their own models)."""

    def managed_organisation_ids(self, user):
        return organisation_ids_for(user, STAFF_MANAGER_ROLES)

    def manager_ids(self, organisation_ids):
        return Membership.objects.filter(
            organisation_id__in=organisation_ids,
            organisation__is_active=True,
            role__in=STAFF_MANAGER_ROLES,
            is_active=True,
        ).values("user_id")


def admin_queryset(model, user, organisation_field="organisation"):
    """The rows of `model` that `user` manages in the admin: what `visible_to` shows them,
    in the organisations they coordinate."""
    return CoordinatorPermissionPolicy(model, organisation_field).scoped_queryset(user)
