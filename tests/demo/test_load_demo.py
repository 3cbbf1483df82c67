"""`load_demo` creates one account per role and running it twice changes nothing."""

import pytest
from django.apps import apps
from django.core import serializers
from django.core.management import call_command

from accounts.models import Organisation, Role, User
from demo.accounts import DEMO_LEARNER_CODE, DEMO_LEARNER_PIN, DEMO_PASSWORD


def snapshot():
    """Every row of every Tremplin model, serialised, last log-in excluded."""
    rows = {}
    for app_label in ("accounts", "courses", "diagnostics", "cohorts", "equipment", "reports"):
        for model in apps.get_app_config(app_label).get_models():
            data = serializers.serialize("python", model.objects.order_by("pk"))
            for row in data:
                row["fields"].pop("last_login", None)
            rows[model._meta.label] = data
    return rows


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing(capsys):
    call_command("load_demo")
    first = snapshot()
    output = capsys.readouterr().out
    call_command("load_demo")
    assert snapshot() == first
    assert sum(len(rows) for rows in first.values()) > 10
    assert "claire.martin" in output and DEMO_PASSWORD in output and DEMO_LEARNER_CODE in output


@pytest.mark.django_db
def test_demo_has_every_kind_of_organisation_and_every_role(client):
    call_command("load_demo", quiet_accounts=True)
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert kinds == set(Organisation.Kind.values)
    network = Organisation.objects.get(kind="network")
    assert network.members.count() == Organisation.objects.count() - 1
    for role in Role.values:
        user = User.objects.get(memberships__role=role)
        assert client.login(username=user.username, password=DEMO_PASSWORD)
    response = client.post(
        "/apprenant/connexion/", {"code": DEMO_LEARNER_CODE, "pin": DEMO_LEARNER_PIN}
    )
    assert response["Location"] == "/apprenant/"
