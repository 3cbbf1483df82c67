"""The generic admin scoping of core.admin, with a policy that says who manages what by
hand (the coordinators' rule itself is tested in tests/cohorts/test_admin.py)."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from accounts.models import Organisation, User
from cohorts.models import Programme
from core.admin import ScopedModelViewSet, ScopedPermissionPolicy

pytestmark = pytest.mark.django_db


class ManagesTheFirst(ScopedPermissionPolicy):
    """Everyone manages the first organisation only; `manager` manages it."""

    def __init__(self, model, organisation, manager):
        super().__init__(model)
        self.organisation, self.manager = organisation, manager

    def managed_organisation_ids(self, user):
        return [self.organisation.pk]

    def manager_ids(self, organisation_ids):
        return User.objects.filter(pk=self.manager.pk).values("pk")


def programme(organisation, funder):
    return Programme.objects.create(
        name=f"Pass {organisation.name}",
        organisation=organisation,
        funder=funder,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
    )


def test_the_rows_are_those_visible_in_the_managed_organisations(
    coordinator, organisation, other_organisation, funder_organisation
):
    ours = programme(organisation, funder_organisation)
    theirs = programme(other_organisation, funder_organisation)
    superuser = User.objects.create_superuser("root", password="x")  # noqa: S106
    policy = ManagesTheFirst(Programme, organisation, coordinator)
    assert list(policy.scoped_queryset(coordinator)) == [ours]
    assert set(policy.scoped_queryset(superuser)) == {ours, theirs}
    assert not policy.scoped_queryset(AnonymousUser()).exists()
    assert not policy.scoped_queryset(None).exists()
    # The manager (who holds the model permission through their group) and superusers.
    users = policy.users_with_any_permission_for_instance(["view"], ours)
    assert set(users) == {coordinator, superuser}


def test_a_new_object_has_no_permission_of_its_own(coordinator, organisation):
    policy = ManagesTheFirst(Programme, organisation, coordinator)
    assert not policy.user_has_permission_for_instance(coordinator, "change", Programme())


def test_the_rule_of_who_manages_what_is_the_subclass_s_to_say(coordinator):
    policy = ScopedPermissionPolicy(Programme)
    with pytest.raises(NotImplementedError):
        policy.scoped_queryset(coordinator)
    with pytest.raises(NotImplementedError):
        policy.manager_ids([])


def test_a_scoped_viewset_refuses_a_model_without_a_scoped_policy(coordinator):
    class OrganisationViewSet(ScopedModelViewSet):
        model = Organisation
        name = "core_test_organisation"

    request = RequestFactory().get("/")
    request.user = coordinator
    with pytest.raises(ImproperlyConfigured):
        OrganisationViewSet().get_queryset(request)
