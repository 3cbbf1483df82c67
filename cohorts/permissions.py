"""Who may do what with cohorts data in the Wagtail admin.

The "Coordinateurs" group carries the model permissions; this narrows them, row by row, to
the organisations where the person coordinates. A trainer who also coordinates elsewhere
sees in the admin only the organisations they coordinate: the forms could not offer the
others anyway.
"""

from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from accounts.models import Membership, Organisation
from accounts.scoping import STAFF_MANAGER_ROLES, organisation_ids_for


def managed_organisations(user):
    """The organisations whose cohorts data `user` manages in the admin."""
    if user is None or not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.filter(is_active=True)
    return Organisation.objects.filter(pk__in=organisation_ids_for(user, STAFF_MANAGER_ROLES))


def admin_queryset(model, user, organisation_field="organisation"):
    """The rows of `model` that `user` manages in the admin: what `visible_to` shows them,
    in the organisations they coordinate."""
    queryset = model.objects.visible_to(user)
    if user is None or not user.is_authenticated or user.is_superuser:
        return queryset
    return queryset.filter(
        **{f"{organisation_field}__in": organisation_ids_for(user, STAFF_MANAGER_ROLES)}
    )


class CoordinatorPermissionPolicy(ModelPermissionPolicy):
    """Model permissions from the groups, and per object: only the rows of the
    organisations one coordinates. Registered in `CohortsConfig.ready()`."""

    def __init__(self, model, organisation_field="organisation"):
        super().__init__(model)
        self.organisation_field = organisation_field

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return admin_queryset(self.model, user, self.organisation_field)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if instance.pk is None:
            return False
        return (
            self.instances_user_has_any_permission_for(user, actions)
            .filter(pk=instance.pk)
            .exists()
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def users_with_any_permission_for_instance(self, actions, instance):
        organisation = self.model._default_manager.filter(pk=instance.pk).values(
            self.organisation_field
        )
        coordinators = Membership.objects.filter(
            organisation_id__in=organisation,
            organisation__is_active=True,
            role__in=STAFF_MANAGER_ROLES,
            is_active=True,
        ).values("user_id")
        return self.users_with_any_permission(actions).filter(
            Q(is_superuser=True) | Q(pk__in=coordinators)
        )
