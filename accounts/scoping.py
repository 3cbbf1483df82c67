"""Scoping: every read of personal data goes through `visible_to(actor)`.

The rule of thumb: a person sees their own organisations' data and nothing else. Only
superusers (the platform's operators) see everything. Each scoped model's QuerySet extends
`OrganisationScopedQuerySet` and declares its path to the organisation and the roles that
read it; the rule itself is written once, here, so that a new model cannot get it wrong.
"""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class Role(models.TextChoices):
    COORDINATOR = "coordinator", gettext_lazy("Coordinateur ou coordinatrice")
    TRAINER = "trainer", gettext_lazy("Formateur ou formatrice")
    TECHNICIAN = "technician", gettext_lazy("Technicien ou technicienne")
    CPE = "cpe", gettext_lazy("CPE")
    PRESCRIBER = "prescriber", gettext_lazy("Prescripteur ou prescriptrice")
    FUNDER = "funder", gettext_lazy("Financeur")


# Who reads what. Funders read aggregates only (reports), never a row of personal data.
# Manage an organisation's staff and learner accounts; read its audit log, the referrals it
# receives and its report subscriptions.
STAFF_MANAGER_ROLES = (Role.COORDINATOR,)
# Meet learners: read their files, groups, marks and diagnostics; hand out and reset PINs.
LEARNER_ACCESS_ROLES = (Role.COORDINATOR, Role.TRAINER)
# Work in the workshop: register, erase, repair and label devices, import the stock.
WORKSHOP_ROLES = (Role.COORDINATOR, Role.TECHNICIAN)
# Read the stock: the workshop, and the trainers who hand devices over.
EQUIPMENT_ROLES = (Role.COORDINATOR, Role.TECHNICIAN, Role.TRAINER)
# Enrol families in the parents' cohorts of their collège.
CPE_ROLES = (Role.CPE,)
# Refer people to an association on behalf of a social service.
PRESCRIBER_ROLES = (Role.PRESCRIBER,)
# `scope_roles = ANY_ROLE`: every role held in the organisation reads the rows.
ANY_ROLE = None


def organisation_ids_for(user, roles=ANY_ROLE):
    """Ids of the active organisations where `user` holds one of `roles` (any role if None).

    Returns a subquery, not a list, so that callers compose it into one SQL statement.
    """
    # accounts.models builds its QuerySets on this module: Membership is read at call time.
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


class OrganisationScopedQuerySet(models.QuerySet):
    """Rows read by the members of the organisation they belong to.

    A subclass declares:
    - `scope_path`: the lookup from a row to its organisation ("cohort__organisation");
    - `scope_roles`: the roles that read the rows through it (`ANY_ROLE`: every role);
    - `scope_paths`: other paths to an organisation, each with its roles, for rows that
      belong to two organisations at once ({"learner_account__organisation": (...)});
    - `scope_owner`: the lookup from a row to the user it belongs to, who reads it whatever
      their roles (a prescriber's referrals, a learner's own diagnostics);
    - `scope_distinct`: when a path crosses a to-many relation, so that a row comes once.

    Anonymous visitors read nothing, superusers everything.
    """

    scope_path = None
    scope_roles = ANY_ROLE
    scope_paths = {}
    scope_owner = None
    scope_distinct = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # Without a path, `visible_to` would filter on nothing and let every row through.
        if not (cls.scope_path or cls.scope_paths or cls.scope_owner):
            raise TypeError(f"{cls.__name__} declares no scope_path, scope_paths or scope_owner")

    @classmethod
    def scope_routes(cls):
        """(path, roles) for every path to an organisation, the main one first."""
        routes = [(cls.scope_path, cls.scope_roles)] if cls.scope_path else []
        return routes + list(cls.scope_paths.items())

    def visible_to(self, actor):
        """The rows `actor` may read."""
        if actor is None or not actor.is_authenticated:
            return self.none()
        if actor.is_superuser:
            return self.all()
        condition = models.Q()
        for path, roles in self.scope_routes():
            condition |= models.Q(**{f"{path}__in": organisation_ids_for(actor, roles)})
        if self.scope_owner:
            condition |= models.Q(**{self.scope_owner: actor.pk})
        visible = self.filter(condition)
        return visible.distinct() if self.scope_distinct else visible


def scoped_get(queryset, *, actor, for_update=False, denied=None, **lookup):
    """The one row of `queryset` matching `lookup` that `actor` may read.

    Missing and forbidden look alike, so that nobody learns what exists elsewhere: Http404
    (the `<entity>_get` accessors of the selectors), or, when a service names its refusal,
    PermissionDenied with that message (`denied`, a gettext_noop constant).
    `for_update` locks the row alone (joined rows stay free, and nullable joins are allowed).
    """
    rows = queryset.visible_to(actor)
    if for_update:
        rows = rows.select_for_update(of=("self",))
    try:
        return rows.get(**lookup)
    except rows.model.DoesNotExist:
        if denied is not None:
            raise PermissionDenied(_(denied)) from None
        raise Http404(f"No {rows.model._meta.object_name} matches the given query.") from None


class OrganisationQuerySet(OrganisationScopedQuerySet):
    """The organisations where the actor holds a role."""

    scope_path = "pk"
    scope_roles = ANY_ROLE


class UserQuerySet(OrganisationScopedQuerySet):
    """Oneself; the staff of organisations one coordinates; the learner accounts of
    organisations where one coordinates or trains."""

    scope_path = "memberships__organisation"
    scope_roles = STAFF_MANAGER_ROLES
    scope_paths = {"learner_account__organisation": LEARNER_ACCESS_ROLES}
    scope_owner = "pk"
    scope_distinct = True


class MembershipQuerySet(OrganisationScopedQuerySet):
    """One's own roles, and every role in the organisations one coordinates."""

    scope_path = "organisation"
    scope_roles = STAFF_MANAGER_ROLES
    scope_owner = "user"


class LearnerAccountQuerySet(OrganisationScopedQuerySet):
    """Learner accounts of the organisations where one coordinates or trains."""

    scope_path = "organisation"
    scope_roles = LEARNER_ACCESS_ROLES
