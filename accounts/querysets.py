"""Scoping: every read of personal data goes through `visible_to(user)`.

The rule of thumb: a person sees their own organisations' data and nothing else. Only
superusers (the platform's operators) see everything.
"""

from django.db import models

# Roles that manage an organisation's staff and learner accounts.
STAFF_MANAGER_ROLES = ("coordinator",)
# Roles that hand out and reset learner PINs.
LEARNER_ACCESS_ROLES = ("coordinator", "trainer")


def organisation_ids_for(user, roles=None):
    """Ids of the active organisations where `user` holds one of `roles` (any role if None).

    Returns a subquery, not a list, so that callers compose it into one SQL statement.
    """
    from .models import Membership

    memberships = Membership.objects.filter(
        user_id=user.pk, is_active=True, organisation__is_active=True
    )
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return memberships.values("organisation_id")


def works_for(user, organisation, roles=LEARNER_ACCESS_ROLES):
    """Whether `user` holds one of `roles` in `organisation` (superusers always do)."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return organisation_ids_for(user, roles).filter(organisation_id=organisation.pk).exists()


def _anonymous(user):
    return user is None or not user.is_authenticated


class OrganisationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The organisations where the user holds a role."""
        if _anonymous(user):
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(pk__in=organisation_ids_for(user))


class UserQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Oneself; the staff of organisations one coordinates; the learner accounts of
        organisations where one coordinates or trains."""
        if _anonymous(user):
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(
            models.Q(pk=user.pk)
            | models.Q(
                memberships__organisation_id__in=organisation_ids_for(user, STAFF_MANAGER_ROLES)
            )
            | models.Q(
                learner_account__organisation_id__in=organisation_ids_for(
                    user, LEARNER_ACCESS_ROLES
                )
            )
        ).distinct()


class MembershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        """One's own roles, and every role in the organisations one coordinates."""
        if _anonymous(user):
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(
            models.Q(user_id=user.pk)
            | models.Q(organisation_id__in=organisation_ids_for(user, STAFF_MANAGER_ROLES))
        )


class LearnerAccountQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Learner accounts of the organisations where one coordinates or trains."""
        if _anonymous(user):
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(organisation_id__in=organisation_ids_for(user, LEARNER_ACCESS_ROLES))
