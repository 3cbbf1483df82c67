"""`visible_to(user)` on accounts' models: organisation A sees nothing of organisation B."""

import pytest

from accounts.models import LearnerAccount, Membership, Organisation, Role, User
from accounts.services import learner_account_create
from tests.scoping import (
    assert_nothing_visible_to_anonymous,
    assert_visible_only_to_own_organisation,
)


@pytest.fixture
def staff_of_a(make_member, organisation):
    return [make_member(Role.TRAINER, organisation), make_member(Role.TECHNICIAN, organisation)]


@pytest.mark.django_db
def test_users_of_a_are_invisible_to_b(coordinator, outsider, staff_of_a, learner):
    assert_visible_only_to_own_organisation(
        User.objects, member=coordinator, outsider=outsider, objects=[*staff_of_a, learner]
    )
    assert_nothing_visible_to_anonymous(User.objects)


@pytest.mark.django_db
def test_memberships_of_a_are_invisible_to_b(coordinator, outsider, staff_of_a):
    memberships = Membership.objects.filter(user__in=staff_of_a)
    assert_visible_only_to_own_organisation(
        Membership.objects, member=coordinator, outsider=outsider, objects=list(memberships)
    )
    assert_nothing_visible_to_anonymous(Membership.objects)


@pytest.mark.django_db
def test_learner_accounts_of_a_are_invisible_to_b(
    trainer, outsider, outsider_trainer, organisation
):
    accounts = [
        learner_account_create(organisation=organisation, first_name=n, last_name="Test")[0]
        for n in ("Awa", "Hugo")
    ]
    for other in (outsider, outsider_trainer):
        assert_visible_only_to_own_organisation(
            LearnerAccount.objects, member=trainer, outsider=other, objects=accounts
        )
    assert_nothing_visible_to_anonymous(LearnerAccount.objects)


@pytest.mark.django_db
def test_organisations_are_visible_to_their_members_only(coordinator, outsider, organisation):
    assert_visible_only_to_own_organisation(
        Organisation.objects, member=coordinator, outsider=outsider, objects=[organisation]
    )


@pytest.mark.django_db
def test_a_trainer_does_not_see_the_other_staff_of_their_organisation(trainer, technician):
    visible = set(User.objects.visible_to(trainer))
    assert trainer in visible
    assert technician not in visible


@pytest.mark.django_db
def test_a_technician_or_funder_sees_no_learner_account(technician, funder, learner_account):
    assert not LearnerAccount.objects.visible_to(technician).exists()
    assert not LearnerAccount.objects.visible_to(funder).exists()


@pytest.mark.django_db
def test_a_withdrawn_role_sees_nothing_any_more(coordinator, staff_of_a):
    coordinator.memberships.update(is_active=False)
    assert list(User.objects.visible_to(coordinator)) == [coordinator]


@pytest.mark.django_db
def test_the_helper_catches_a_leak(coordinator, outsider, staff_of_a):
    """The proof helper must fail when a queryset leaks: here one that ignores the user."""

    class Leaky:
        model = User

        def visible_to(self, user):
            return User.objects.all()

    with pytest.raises(AssertionError, match="another organisation's user sees"):
        assert_visible_only_to_own_organisation(
            Leaky(), member=coordinator, outsider=outsider, objects=staff_of_a
        )
