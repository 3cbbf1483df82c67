"""Every model that holds personal data is in the registry (an export and an erase handler)
or exempt with a reason; a new one with neither fails here."""

from django.apps import apps
from django.db import models
from django.test.utils import isolate_apps

from cohorts.models import Learner
from privacy import registry


def test_every_model_holding_personal_data_is_registered_or_exempt():
    missing = registry.unaccounted(apps.get_models())
    assert not missing, (
        "These models hold personal data but have no entry in privacy/registry.py (register "
        f"an export and an erase handler, or exempt them with a reason): {missing}"
    )


def test_registered_entries_have_both_handlers_and_real_models():
    assert len(registry.entries()) >= 15
    for entry in registry.entries():
        assert apps.get_model(entry.label) is entry.model
        assert callable(entry.export) and callable(entry.erase), entry.label


def test_the_learner_file_and_the_facts_linked_to_it_are_registered():
    for label in (
        "cohorts.Learner",
        "cohorts.Attendance",
        "cohorts.Enrolment",
        "cohorts.HelpVisit",
        "cohorts.Referral",
        "cohorts.Signature",
        "cohorts.Diploma",
        "cohorts.SatisfactionAnswer",
        "diagnostics.Assessment",
        "equipment.Handover",
        "accounts.User",
        "accounts.LearnerAccount",
    ):
        assert label in registry.REGISTRY, label


def test_exemptions_are_explained_and_not_stale():
    labels = {model._meta.label for model in apps.get_models()}
    app_labels = {model._meta.app_label for model in apps.get_models()}
    for label, reason in registry.EXEMPT_MODELS.items():
        assert reason.strip(), label
        assert label in labels, f"{label} is exempt but no longer exists"
        assert registry.personal_reasons(apps.get_model(label)), (
            f"{label} is exempt but the rule no longer flags it: remove the exemption"
        )
        assert label not in registry.REGISTRY, f"{label} is both registered and exempt"
    for app_label, reason in registry.EXEMPT_APPS.items():
        assert reason.strip(), app_label
        assert app_label in app_labels, f"app {app_label} is exempt but not installed"


def test_every_personal_field_of_a_registered_model_is_exported():
    """A field added later to a registered model (a second phone, a note) must reach the
    export, and be looked at for erasure at the same time."""
    for entry in registry.entries():
        named = [
            field.name
            for field in entry.model._meta.local_fields
            if not field.is_relation and registry.PERSONAL_WORDS & set(field.name.split("_"))
        ]
        missing = set(named) - set(entry.fields)
        assert not missing, f"{entry.label}: {sorted(missing)} not in its export"


def test_kept_rows_say_why():
    for entry in registry.entries():
        if entry.kept:
            assert len(str(entry.kept)) > 20, entry.label


@isolate_apps("cohorts")
def test_a_new_model_holding_personal_data_is_caught():
    class Visit(models.Model):  # noqa: DJ008
        learner = models.ForeignKey(Learner, on_delete=models.CASCADE, related_name="+")

        class Meta:
            app_label = "cohorts"

    class Contact(models.Model):  # noqa: DJ008
        phone = models.CharField(max_length=20)

        class Meta:
            app_label = "cohorts"

    class Room(models.Model):  # noqa: DJ008
        capacity = models.PositiveSmallIntegerField()

        class Meta:
            app_label = "cohorts"

    missing = registry.unaccounted([Visit, Contact, Room])
    assert missing == {
        "cohorts.Visit": ["learner → cohorts.Learner"],
        "cohorts.Contact": ["phone"],
    }
