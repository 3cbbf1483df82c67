"""The retention job anonymises the learners without contact for PRIVACY_RETENTION_DAYS,
once, and no one else; it runs daily from a django-q2 schedule made by a migration."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone
from django_q.models import Schedule
from django_q.tasks import async_task

from cohorts import audit
from cohorts.models import AuditEntry, Learner
from privacy import services
from privacy.registry import ERASED_FIRST_NAME

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")

# Farid's last contact is a help visit on 15 December 2025; everyone else in the world had
# one in 2026 (or was created today), and Jules holds a device on loan.
AFTER_FARID = datetime.datetime(2025, 12, 20, tzinfo=PARIS)


def days_since(moment):
    return (timezone.now() - moment).days


def erased_names():
    return set(Learner.objects.filter(first_name=ERASED_FIRST_NAME).values_list("pk", flat=True))


def test_only_learners_without_contact_for_the_period_are_anonymised(world):
    farid = Learner.objects.get(first_name="Farid")
    now = AFTER_FARID + datetime.timedelta(days=730)
    assert list(services.inactive_learners(now=now).values_list("pk", flat=True)) == [farid.pk]

    assert services.anonymise_inactive(now=now) == [farid.pk]
    assert erased_names() == {farid.pk}
    entry = AuditEntry.objects.get(learner_id=farid.pk)
    assert (entry.action, entry.actor, entry.detail) == ("erased", None, "retention")
    # Safe to run twice.
    assert services.anonymise_inactive(now=now) == []
    assert AuditEntry.objects.filter(learner_id=farid.pk).count() == 1


def test_a_change_to_the_file_counts_as_contact(world, coordinator):
    farid = Learner.objects.get(first_name="Farid")
    audit.record(actor=coordinator, learner=farid, action=audit.Action.CHANGED)
    now = AFTER_FARID + datetime.timedelta(days=730)
    assert services.anonymise_inactive(now=now) == []


def test_much_later_everyone_goes_but_the_learner_holding_a_loan(world):
    later = timezone.now() + datetime.timedelta(days=2000)
    erased = services.anonymise_inactive(now=later)
    assert Learner.objects.exclude(pk__in=erased).get().first_name == "Jules"


def test_the_task_reads_the_retention_setting_and_runs_from_its_schedule(world, settings):
    farid = Learner.objects.get(first_name="Farid")
    settings.PRIVACY_RETENTION_DAYS = days_since(AFTER_FARID)
    schedule = Schedule.objects.get(name="Anonymisation des dossiers sans contact")
    assert schedule.func == "privacy.tasks.retention_anonymise"
    assert schedule.schedule_type == Schedule.DAILY and schedule.repeats == -1
    assert schedule.next_run.astimezone(PARIS).time() == datetime.time(3, 0)

    async_task(schedule.func)  # Q_CLUSTER runs in sync mode in the tests

    assert erased_names() == {farid.pk}
    async_task(schedule.func)
    assert AuditEntry.objects.filter(action="erased").count() == 1


def test_the_default_retention_is_two_years():
    from cms.settings import base

    assert base.PRIVACY_RETENTION_DAYS == 730
