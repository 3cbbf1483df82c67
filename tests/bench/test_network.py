"""The national data generator (bench/network.py) at a tiny size: what it builds holds
together, the same seed gives the same rows, the application's scoping holds on it, and the
reports' selectors agree with the hand-written SQL of bench/reports.py."""

import datetime
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse

from accounts.models import LearnerAccount, Organisation, User
from bench.network import Generator
from bench.reports import from_selectors, hand_written
from cohorts.models import Attendance, Cohort, Enrolment, Learner, Meeting, Programme
from diagnostics.models import Assessment
from equipment.models import Device, ErasureRecord, Handover
from reports.figures import Scope

pytestmark = pytest.mark.django_db


def quiet(_line):
    pass


@pytest.fixture
def network():
    counts = Generator("XS", seed=7, log=quiet).run()
    return counts, Organisation.objects.get(slug="gen-xs-7-reseau")


def fingerprint():
    return {
        "learners": list(
            Learner.objects.order_by("pk").values_list(
                "first_name", "last_name", "birth_year", "lives_in_qpv"
            )
        ),
        "marks": Counter(Attendance.objects.values_list("mark", flat=True)),
        "cohorts": list(Cohort.objects.order_by("pk").values_list("name", "starts_on")),
        "devices": list(Device.objects.order_by("pk").values_list("inventory_code", "status")),
        "scores": list(Assessment.objects.order_by("pk").values_list("score", "level")),
    }


def test_the_same_seed_gives_the_same_network():
    with transaction.atomic():
        Generator("XS", seed=3, log=quiet).run()
        first = fingerprint()
        transaction.set_rollback(True)
    assert not Organisation.objects.filter(slug__startswith="gen-xs-3-").exists()
    Generator("XS", seed=3, log=quiet).run()
    assert fingerprint() == first
    assert first["learners"], "nothing was generated"


def test_a_second_run_in_the_same_database_is_refused_with_a_clear_message(network):
    with pytest.raises(CommandError, match="existe déjà"):
        call_command("generate_network", size="XS", seed=7)


def test_what_it_builds_holds_together(network):
    counts, root = network
    assert counts["cohorts.Learner"] == Learner.objects.count() == 120
    assert Organisation.objects.filter(network=root).count() == 6
    # Groups of 8 to 12 (a last small remainder joins the group before it).
    sizes = Cohort.objects.annotate(n=Count("enrolments")).values_list("n", flat=True)
    assert min(sizes) >= 1 and max(sizes) <= 12
    assert sum(8 <= size <= 12 for size in sizes) >= 0.8 * len(sizes)
    # Only held meetings have a roll, and only of people enrolled in that group.
    assert not Attendance.objects.exclude(meeting__status=Meeting.Status.HELD).exists()
    enrolled = Enrolment.objects.values_list("cohort_id", "learner_id")
    rolls = Attendance.objects.values_list("meeting__cohort_id", "learner_id")
    assert set(rolls) <= set(enrolled)
    assert Meeting.objects.filter(status=Meeting.Status.PLANNED).exists()
    assert Enrolment.objects.filter(status=Enrolment.Status.DROPPED).exists()
    # Devices through the chain: every handed-over one was erased and has its hand-over.
    statuses = set(Device.objects.values_list("status", flat=True))
    assert {"received", "ready", "handed_over"} <= statuses
    for device in Device.objects.filter(status="handed_over"):
        assert ErasureRecord.objects.filter(device=device, result="success").exists()
        assert Handover.objects.filter(device=device).count() == 1
    # Diagnostics are scored: the level follows the score.
    assert Assessment.objects.filter(phase="initial", status="completed").exists()
    assert not Assessment.objects.filter(level="").exists()
    # New rows get new ids after the generated ones (sequences moved on).
    fresh = Organisation.objects.create(name="Nouvelle structure", slug="nouvelle", kind="school")
    assert fresh.pk > root.pk


def test_generated_staff_and_learners_sign_in_and_stay_in_their_structure(network, client):
    _counts, _root = network
    trainer = User.objects.filter(cohorts__isnull=False).order_by("pk").first()
    assert client.login(username=trainer.username, password="tremplin-bench")
    own = Meeting.objects.filter(cohort__trainers=trainer).first()
    other = Meeting.objects.exclude(
        cohort__organisation__in=trainer.memberships.values("organisation")
    ).first()
    assert client.get(reverse("cohorts:meeting", args=[own.pk])).status_code == 200
    assert client.get(reverse("cohorts:meeting", args=[other.pk])).status_code == 404
    client.logout()
    account = LearnerAccount.objects.filter(user__learner_file__isnull=False).first()
    response = client.post(reverse("accounts:learner_login"), {"code": account.code, "pin": "2580"})
    assert response.status_code == 302
    assert client.get(reverse("cohorts:learner_home")).status_code == 200


def test_the_selectors_and_the_hand_written_sql_give_the_same_figures(network):
    _counts, root = network
    year = datetime.date.today().year - 1  # noqa: DTZ011 — a calendar year, as in the bench
    period = (datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    programmes = Programme.objects.filter(starts_on__year=year).order_by("pk")
    assert programmes.exists()
    scopes = [Scope(*period, programme=programme) for programme in programmes]
    scopes.append(Scope(*period, network=root))
    for scope in scopes:
        ours, theirs = from_selectors(scope), hand_written(scope)
        assert ours == theirs, (scope, ours, theirs)
    network_figures = from_selectors(scopes[-1])
    assert network_figures["people_helped"] > 0
    assert network_figures["tracks_completed"] > 0
    assert Learner.objects.filter(Q(user__isnull=False)).exists()
