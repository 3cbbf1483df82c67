"""The one scoping rule: every scoped QuerySet is an `OrganisationScopedQuerySet` that declares
its path, and `scoped_get` answers alike for a missing row and another organisation's."""

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.scoping import LEARNER_ACCESS_ROLES, OrganisationScopedQuerySet, scoped_get
from cohorts.models import Learner
from tests.cohorts.factories import make_learner

REFUSED = "Vous ne pouvez pas voir cette personne."


def test_every_model_read_through_visible_to_declares_its_scope():
    scoped = [m for m in apps.get_models() if hasattr(m._default_manager, "visible_to")]
    assert len(scoped) >= 27
    for model in scoped:
        queryset = model._default_manager.all()
        assert isinstance(queryset, OrganisationScopedQuerySet), model._meta.label
        assert "visible_to" not in type(queryset).__dict__, model._meta.label
        assert type(queryset).scope_routes() or type(queryset).scope_owner, model._meta.label


def test_a_queryset_without_a_path_is_refused_at_once():
    with pytest.raises(TypeError, match="declares no scope_path"):

        class Unscoped(OrganisationScopedQuerySet):
            scope_roles = LEARNER_ACCESS_ROLES


@pytest.mark.django_db
def test_missing_and_forbidden_look_alike(trainer, outsider_trainer, organisation):
    learner = make_learner(organisation)
    assert scoped_get(Learner.objects, actor=trainer, pk=learner.pk) == learner
    for actor, pk in ((outsider_trainer, learner.pk), (trainer, learner.pk + 1000)):
        with pytest.raises(Http404):
            scoped_get(Learner.objects, actor=actor, pk=pk)
        with pytest.raises(PermissionDenied, match=REFUSED):
            scoped_get(Learner.objects, actor=actor, pk=pk, denied=REFUSED)
    locked = scoped_get(Learner.objects, actor=trainer, pk=learner.pk, for_update=True)
    assert locked == learner
