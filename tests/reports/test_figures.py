"""Funder figures on a small world built by hand through the real services. Every expected
value is computed by hand in the comment next to it.

The period is the first quarter of 2026 (1 January – 31 March). Structures: A (Lilas) and
B (Tilleuls), both in network N; C, outside the network. Funders: F1 (Département) pays
P1 (A) and P3 (B); F2 (CAF) pays P2 (A).

Cohorts (meetings at 14:00, Paris):
- C1 (A, P1) emploi avancé: 4 × 240 min, Jan 6, 13, 20, 27; rule: 80 % of the minutes;
  capacity 6.
- C2 (A, P2) atelier santé: 1 × 120 min, Feb 3; rule: every meeting; capacity 8.
- C3 (A, P1) cycle d'initiation: 9 × 120 min from Mar 10, the 3rd (Mar 24) cancelled, the
  5th onwards in April and May; capacity 9.
- C4 (B, P3) atelier communication: 1 × 120 min, Feb 10; capacity 8.
- C5 (A, P1) atelier sécurité: 1 × 120 min, Dec 2 2025 (before the period); capacity 8.

Learners (A unless said; age = 2026 − birth year):
  L1 Awa     F 1990 (36) QPV RSA   file 2025-06  C1 PPPP, C2 P     hand-over: gift
  L2 Bernard M 1960 (66) job seeker file 2026-01 C1 PPPA            referred by the CCAS
  L3 Chloé   F 2000 (26) QPV       file 2026-01  C1 PPP late 30, C2 A   hand-over: sale
  L4 Dylan   — —                   file 2026-02  C1 AAAA, dropped; help visit Feb 12
  L10 Jules  M 1995 (31)           file 2025-10  C1 PPPP            hand-over: loan, April
  L5 Eve     F 1950 (76) RSA       file 2025-11  C3 P P (cancelled) P with 100 minutes
  L6 Farid   M 2010 (16)           file 2025-11  C5 P (December); help visit Dec 15
  L7 Gisèle  F 1985 (41) QPV       B, 2026-02    C4 P; help visit (remote) Feb 20
  L8 Hugo    M 2014 (12)           B, 2026-02    C4 P
  L9 Inès    F 1980                C, 2026-02    help visit Feb 20
"""

import datetime
import zoneinfo
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import reports.figures as figures_package
from accounts.models import Organisation, Role
from cohorts import referrals as referral_services
from cohorts import services as cohort_services
from cohorts.models import Cohort, Enrolment, Learner, Meeting, Programme, Referral
from cohorts.selectors import cohort_completions
from courses.models import SessionPlanPage, TrackPage
from diagnostics import services as diagnostic_services
from diagnostics.models import Assessment
from equipment import services as equipment_services
from equipment.models import Handover
from reports.figures import Scope, figures, monthly, report_memory
from reports.glossary import AGE_BANDS, GLOSSARY, GLOSSARY_KEYS
from tests.accounts.factories import OrganisationFactory
from tests.cohorts.factories import make_cohort, make_learner
from tests.diagnostics.factories import make_questionnaire
from tests.equipment.factories import make_ready

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
JAN_1, MAR_31 = datetime.date(2026, 1, 1), datetime.date(2026, 3, 31)
SURVEY = "SatisfactionAnswer"


def at(year, month, day, hour=12):
    return datetime.datetime(year, month, day, hour, tzinfo=PARIS)


def q1(**subject):
    return Scope(starts_on=JAN_1, ends_on=MAR_31, **subject)


def survey_model():
    try:
        return apps.get_model("cohorts", SURVEY)
    except LookupError:
        return None


# Building the world ----------------------------------------------------------------------


def enrol(cohort, learner, on):
    enrolment = cohort_services.learner_enrol(cohort=cohort, learner=learner)
    Enrolment.objects.filter(pk=enrolment.pk).update(enrolled_at=on)
    return enrolment


def roll(trainer, cohort, learner, marks):
    """One letter per meeting, in order: P present, L late by 30 minutes, A absent,
    - nothing."""
    for meeting, mark in zip(cohort.meetings.order_by("number"), marks, strict=False):
        if mark == "-":
            continue
        choice = {"P": "present", "L": "late", "A": "absent"}[mark]
        cohort_services.meeting_take_roll(
            actor=trainer,
            meeting_id=meeting.pk,
            learner_id=learner.pk,
            mark=choice,
            late_minutes=30 if mark == "L" else 0,
        )


def learner(organisation, first_name, created, **fields):
    person = make_learner(organisation, first_name, "Test", **fields)
    Learner.objects.filter(pk=person.pk).update(created_at=created)
    return person


def visit(actor, organisation, day, minutes, learner=None, cohort=None, place="venue"):
    return cohort_services.help_visit_log(
        actor=actor,
        organisation=organisation,
        date=day,
        duration_minutes=minutes,
        theme="admin",
        learner=learner,
        cohort=cohort,
        place=place,
    )


def hand_over(actor, device, enrolment, when, formula, **options):
    handover = equipment_services.device_hand_over(
        actor=actor, device_id=device.pk, enrolment_id=enrolment.pk, formula=formula, **options
    )
    Handover.objects.filter(pk=handover.pk).update(handed_over_at=when)
    return handover


# Points per scored question: souris, clavier, double-clic (domain 0), recherche (1),
# courriel (2), mot-de-passe (4); two points each, 12 in all in the assisted mode.
YES_NO_HELP = {2: "oui", 1: "avec-aide", 0: "non"}
OBSERVED = {2: "reussi", 1: "aide", 0: "pas-encore"}


def diagnose(actor, organisation, questionnaire, user, phase, completed_at, points):
    assessment = diagnostic_services.assessment_start(
        actor=actor,
        organisation=organisation,
        questionnaire=questionnaire,
        mode="assisted",
        phase=phase,
        learner_user=user,
    )
    souris, clavier, double_clic, recherche, courriel, mot_de_passe = points
    answers = {
        "objectifs": ["emploi"],
        "equipement": "aucun",
        "souris": YES_NO_HELP[souris],
        "clavier": YES_NO_HELP[clavier],
        "double-clic": OBSERVED[double_clic],
        "recherche": YES_NO_HELP[recherche],
        "courriel": YES_NO_HELP[courriel],
        "mot-de-passe": YES_NO_HELP[mot_de_passe],
    }
    for key, value in answers.items():
        diagnostic_services.assessment_answer(
            actor=actor, assessment_id=assessment.pk, key=key, value=value
        )
    diagnostic_services.assessment_complete(actor=actor, assessment_id=assessment.pk)
    Assessment.objects.filter(pk=assessment.pk).update(completed_at=completed_at)


def account(coordinator, person):
    cohort_services.learner_give_access(actor=coordinator, learner_id=person.pk)
    person.refresh_from_db()
    return person.user


def answer_survey(enrolment, when, liked, more_at_ease, would_recommend):
    model = survey_model()
    if model is None:
        return
    model.objects.create(
        enrolment=enrolment,
        liked=liked,
        more_at_ease=more_at_ease,
        would_recommend=would_recommend,
        answered_at=when,
        source="meeting",
    )


@pytest.fixture
def world(
    organisation,
    other_organisation,
    funder_organisation,
    social_service,
    coordinator,
    trainer,
    technician,
    outsider,
    prescriber,
    make_member,
):
    a, b = organisation, other_organisation
    network = OrganisationFactory(name="Réseau Connexions", kind=Organisation.Kind.NETWORK)
    Organisation.objects.filter(pk__in=[a.pk, b.pk]).update(network=network)
    c = OrganisationFactory(name="Association des Chênes", kind=Organisation.Kind.ASSOCIATION)
    f1 = funder_organisation  # Département de la Gironde
    f2 = OrganisationFactory(name="CAF de la Gironde", kind=Organisation.Kind.FUNDER)
    france_travail = OrganisationFactory(name="France Travail", kind=Organisation.Kind.FUNDER)
    trainer_b = make_member(Role.TRAINER, b)
    trainer_c = make_member(Role.TRAINER, c)
    advisor = make_member(Role.PRESCRIBER, france_travail)

    def programme(name, owner, funder, starts, ends, places, hours):
        return Programme.objects.create(
            name=name,
            organisation=owner,
            funder=funder,
            starts_on=starts,
            ends_on=ends,
            target_places=places,
            target_hours=hours,
        )

    p1 = programme("Emploi", a, f1, "2025-09-01", "2026-08-31", 20, 100)
    p2 = programme("Santé", a, f2, "2026-01-01", "2026-12-31", 8, 10)
    p3 = programme("Tilleuls", b, f1, "2025-09-01", "2026-06-30", 12, 40)
    programme("Ancien", a, f1, "2024-01-01", "2025-06-30", 50, 50)  # ended before Q1

    def cohort(owner, slug, starts_on, capacity, programme, teacher):
        made = make_cohort(
            owner,
            slug=slug,
            starts_on=starts_on,
            capacity=capacity,
            programme=programme,
            name=f"{slug} {starts_on}",
        )
        made.trainers.add(teacher)
        return made

    c1 = cohort(a, "emploi-numerique-avance", datetime.date(2026, 1, 5), 6, p1, trainer)
    c2 = cohort(a, "atelier-sante-en-ligne", datetime.date(2026, 2, 2), 8, p2, trainer)
    c3 = cohort(a, "cycle-initiation-numerique", datetime.date(2026, 3, 9), 9, p1, trainer)
    c4 = cohort(b, "atelier-communication", datetime.date(2026, 2, 9), 8, p3, trainer_b)
    c5 = cohort(a, "atelier-securite-arnaques", datetime.date(2025, 12, 1), 8, p1, trainer)

    l1 = learner(
        a, "Awa", at(2025, 6, 15), gender="F", birth_year=1990, lives_in_qpv=True, receives_rsa=True
    )
    l2 = learner(a, "Bernard", at(2026, 1, 10), gender="M", birth_year=1960, is_job_seeker=True)
    l3 = learner(a, "Chloé", at(2026, 1, 2), gender="F", birth_year=2000, lives_in_qpv=True)
    l4 = learner(a, "Dylan", at(2026, 2, 1))
    l10 = learner(a, "Jules", at(2025, 10, 1), gender="M", birth_year=1995)
    l5 = learner(a, "Eve", at(2025, 11, 20), gender="F", birth_year=1950, receives_rsa=True)
    l6 = learner(a, "Farid", at(2025, 11, 25), gender="M", birth_year=2010)
    l7 = learner(b, "Gisèle", at(2026, 2, 5), gender="F", birth_year=1985, lives_in_qpv=True)
    l8 = learner(b, "Hugo", at(2026, 2, 5), gender="M", birth_year=2014)
    l9 = learner(c, "Inès", at(2026, 2, 5), gender="F", birth_year=1980)

    e = {}
    for person, on in ((l1, at(2025, 12, 15)), (l10, at(2025, 12, 15))):
        e[person.first_name, "C1"] = enrol(c1, person, on)
    for person in (l2, l3, l4):
        e[person.first_name, "C1"] = enrol(c1, person, at(2026, 1, 5))
    for person in (l1, l3):
        e[person.first_name, "C2"] = enrol(c2, person, at(2026, 1, 20))
    e["Eve", "C3"] = enrol(c3, l5, at(2026, 3, 1))
    for person in (l7, l8):
        e[person.first_name, "C4"] = enrol(c4, person, at(2026, 2, 6))
    e["Farid", "C5"] = enrol(c5, l6, at(2025, 11, 25))

    roll(trainer, c1, l1, "PPPP")
    roll(trainer, c1, l2, "PPPA")
    roll(trainer, c1, l3, "PPPL")
    roll(trainer, c1, l4, "AAAA")
    roll(trainer, c1, l10, "PPPP")
    Enrolment.objects.filter(pk=e["Dylan", "C1"].pk).update(status=Enrolment.Status.DROPPED)
    roll(trainer, c2, l1, "P")
    roll(trainer, c2, l3, "A")
    Meeting.objects.filter(cohort=c3, number=3).update(status=Meeting.Status.CANCELLED)
    roll(trainer, c3, l5, "PP-P")
    cohort_services.meeting_close(
        actor=trainer, meeting_id=c3.meetings.get(number=4).pk, minutes={str(l5.pk): 100}
    )
    roll(trainer_b, c4, l7, "P")
    roll(trainer_b, c4, l8, "P")
    roll(trainer, c5, l6, "P")

    visit(trainer, a, datetime.date(2026, 2, 12), 45, learner=l4)
    visit(trainer, a, datetime.date(2026, 1, 28), 90, learner=l1, cohort=c1, place="home")
    visit(trainer, a, datetime.date(2026, 3, 3), 30)  # nobody noted
    visit(trainer, a, datetime.date(2026, 4, 2), 60, learner=l2)  # after the period
    visit(trainer, a, datetime.date(2025, 12, 15), 30, learner=l6)  # before the period
    visit(trainer_b, b, datetime.date(2026, 2, 20), 60, learner=l7, place="remote")
    visit(trainer_c, c, datetime.date(2026, 2, 20), 20, learner=l9)

    laptop = make_ready(technician, a, price=Decimal("150"))
    tablet = make_ready(technician, a, kind="tablet", price=Decimal("120"))
    lent = make_ready(technician, a, price=Decimal("200"))
    hand_over(trainer, laptop, e["Awa", "C1"], at(2026, 1, 27, 16), "donation")
    hand_over(
        trainer,
        tablet,
        e["Chloé", "C1"],
        at(2026, 1, 27, 16),
        "sale",
        price=Decimal("100"),
        learner_share=Decimal("20"),
        funding=[(p1, Decimal("50")), (p2, Decimal("30"))],
    )
    hand_over(trainer, lent, e["Jules", "C1"], at(2026, 4, 3), "loan")  # after the period

    questionnaire = make_questionnaire()
    users = {person.first_name: account(coordinator, person) for person in (l1, l2, l3)}

    def diag(name, phase, when, points):
        diagnose(trainer, a, questionnaire, users[name], phase, when, points)

    diag("Awa", "initial", at(2025, 12, 10), (0, 0, 0, 0, 0, 0))
    diag("Awa", "final", at(2026, 2, 15), (2, 2, 2, 1, 0, 2))
    diag("Bernard", "initial", at(2026, 1, 5), (2, 1, 1, 0, 0, 0))
    diag("Bernard", "final", at(2026, 3, 20), (2, 1, 1, 0, 0, 0))
    diag("Chloé", "initial", at(2026, 1, 5), (2, 1, 1, 2, 1, 0))
    diag("Chloé", "initial", at(2026, 2, 1), (2, 2, 2, 2, 2, 2))  # not the first initial
    diag("Chloé", "final", at(2026, 3, 25), (2, 2, 2, 2, 2, 1))
    diag("Chloé", "final", at(2026, 4, 10), (0, 0, 0, 0, 0, 0))  # after the period

    def refer(sender, prescribing, to, name, when):
        referral = referral_services.referral_send(
            actor=sender,
            organisation=to,
            prescriber_organisation=prescribing,
            first_name=name,
            last_name="Orienté",
            need="training",
            consent=True,
        )
        Referral.objects.filter(pk=referral.pk).update(created_at=when)
        return referral

    def accept(actor, referral, person=None):
        referral_services.referral_accept(
            actor=actor,
            referral_id=referral.pk,
            diagnostic_at=timezone.now() + datetime.timedelta(days=1),
            diagnostic_place="Salle Jean-Moulin",
            learner_id=person.pk if person else None,
        )

    accept(coordinator, refer(prescriber, social_service, a, "Bernard", at(2026, 1, 8)), l2)
    referral_services.referral_decline(
        actor=coordinator,
        referral_id=refer(prescriber, social_service, a, "Karl", at(2026, 2, 1)).pk,
        reason="Groupe complet",
    )
    refer(advisor, france_travail, a, "Léa", at(2026, 3, 15))  # still pending
    refer(prescriber, social_service, a, "Marc", at(2025, 12, 20))  # before the period
    accept(outsider, refer(prescriber, social_service, b, "Nina", at(2026, 2, 15)))

    answer_survey(e["Awa", "C1"], at(2026, 1, 27, 17), 3, 3, 3)
    answer_survey(e["Chloé", "C1"], at(2026, 1, 27, 17), 2, 3, 1)
    answer_survey(e["Jules", "C1"], at(2026, 4, 5), 1, 1, 1)  # after the period
    answer_survey(e["Gisèle", "C4"], at(2026, 2, 10, 17), 3, 3, 3)

    return SimpleNamespace(
        a=a,
        b=b,
        c=c,
        network=network,
        f1=f1,
        f2=f2,
        p1=p1,
        p2=p2,
        p3=p3,
        cohorts=(c1, c2, c3, c4, c5),
    )


# The glossary ------------------------------------------------------------------------------


def test_every_figure_has_exactly_one_glossary_entry(db, organisation):
    keys = list(figures(q1(organisation=organisation)))
    assert sorted(keys) == sorted(GLOSSARY_KEYS)
    assert len(GLOSSARY_KEYS) == len(set(GLOSSARY_KEYS))
    for entry in GLOSSARY:
        assert str(entry["label"]) and len(str(entry["definition"])) > 40, entry["key"]


def test_a_scope_takes_exactly_one_subject(db, organisation, funder_organisation):
    with pytest.raises(ValueError, match="exactly one"):
        Scope(starts_on=JAN_1, ends_on=MAR_31)
    with pytest.raises(ValueError, match="exactly one"):
        q1(organisation=organisation, funder=funder_organisation)
    with pytest.raises(ValueError, match="starts before"):
        Scope(starts_on=MAR_31, ends_on=JAN_1, organisation=organisation)


def test_an_empty_scope_gives_zeros_not_errors(db, organisation):
    result = figures(q1(organisation=organisation))
    assert result["people_helped"] == 0 and result["fill_rate"] is None
    assert result["qpv"] == {"count": 0, "percent": None}
    assert result["devices_value"] == Decimal("0.00") and result["funder_shares"] == {}
    assert result["diagnostic_mean_gain_by_domain"] == {}
    assert result["referrals_by_prescriber_kind"] == {}


# One structure -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_figures_of_a_structure(world):
    result = figures(q1(organisation=world.a))

    # Present at a held meeting of Q1: L1 L2 L3 L10 (C1), L1 (C2), L5 (C3); help visit:
    # L4 (Feb 12), L1 (Jan 28). Not: L6 (December), the visit with nobody noted.
    assert result["people_helped"] == 6
    # Files created in Q1: L2 (Jan 10), L3 (Jan 2), L4 (Feb 1).
    assert result["new_people"] == 3
    # Q1 enrolments: L2 L3 L4 in C1 (Jan 5), L1 L3 in C2, L5 in C3; not L1 L10 (Dec 15).
    assert result["enrolments"] == 6

    # Ended in Q1: C1 (Jan 27) and C2 (Feb 3); not C3 (May), not C5 (December).
    # C1, 960 planned minutes, 80 % → 768: L1 960 ✓, L2 720 ✗, L3 720 + 210 = 930 ✓,
    # L4 dropped ✗, L10 960 ✓. C2, every meeting: L1 ✓, L3 absent ✗.
    assert result["enrolments_in_ended_tracks"] == 7  # 5 + 2
    assert result["tracks_completed"] == 4  # 3 + 1
    assert result["completion_rate"] == 57.1  # 4 / 7

    # Cohorts meeting in Q1: C1 (6), C2 (8), C3 (9) = 23 places; taken (dropouts free
    # their place): C1 4, C2 2, C3 1 = 7 → 30.43 %.
    assert (result["places"], result["places_taken"], result["fill_rate"]) == (23, 7, 30.4)
    # Programmes of A crossing Q1: P1 (20 places, 100 h) + P2 (8, 10); not "Ancien".
    assert (result["target_places"], result["target_hours"]) == (28, 110)

    # Held in Q1: C1 4 × 240 + C2 120 + C3 3 × 120 (the 3rd cancelled) = 1,440 min.
    assert result["group_hours"] == 24.0
    # C1: 960 + 720 + 930 + 0 + 960 = 3,570; C2: 120; C3: 120 + 120 + 100 = 340.
    # 4,030 min / 60 = 67.17 h.
    assert result["learner_hours"] == 67.17
    # Visits of A in Q1: 45 (venue) + 90 (home) + 30 (venue) = 165 min.
    assert result["individual_help_hours"] == 2.75
    assert result["individual_help_hours_by_place"] == {"venue": 1.25, "home": 1.5, "remote": 0}

    # Handed over in Q1: L1's laptop (gift), L3's tablet (sale); L10's loan is in April.
    assert result["devices_distributed"] == 2
    assert result["devices_by_formula"] == {"donation": 1, "loan": 0, "sale": 1}
    assert result["devices_by_kind"]["laptop"] == 1 and result["devices_by_kind"]["tablet"] == 1
    assert sum(result["devices_by_kind"].values()) == 2
    assert result["devices_by_formula_and_kind"]["sale"]["tablet"] == 1
    assert result["devices_by_formula_and_kind"]["donation"]["laptop"] == 1
    # The gift is worth the laptop's price, 150; the sale its price, 100 (not the tablet's 120).
    assert result["devices_value"] == Decimal("250.00")
    assert result["devices_paid_by_learners"] == Decimal("20.00")
    assert result["funder_shares"] == {
        "Département de la Gironde": Decimal("50.00"),
        "CAF de la Gironde": Decimal("30.00"),
    }

    # Of 6 people: QPV L1 L3; RSA L1 L5; job seeker L2.
    assert result["qpv"] == {"count": 2, "percent": 33.3}
    assert result["rsa"] == {"count": 2, "percent": 33.3}
    assert result["job_seekers"] == {"count": 1, "percent": 16.7}
    # Ages in 2026: L1 36, L3 26, L10 31 → 25-39; L2 66 → 60-69; L5 76 → 70+; L4 unknown.
    bands = {key: share["count"] for key, share in result["age_bands"].items()}
    assert bands == {
        "under_12": 0,
        "12_18": 0,
        "18_24": 0,
        "25_39": 3,
        "40_59": 0,
        "60_69": 1,
        "70_plus": 1,
        "unknown": 1,
    }
    assert result["age_bands"]["25_39"]["percent"] == 50.0
    # F: L1 L3 L5; M: L2 L10; not said: L4.
    assert result["genders"] == {
        "F": {"count": 3, "percent": 50.0},
        "M": {"count": 2, "percent": 33.3},
        "unknown": {"count": 1, "percent": 16.7},
    }

    # First initial against last final of Q1, in % per domain (0: 6 points, 1, 2, 4: 2 each):
    # L1 beginner → advanced (11/12): d0 0 → 100, d1 0 → 50, d2 0 → 0, d4 0 → 100.
    # L2 beginner → beginner (4/12 both times): no gain.
    # L3 intermediate (8/12) → advanced (11/12, Mar 25; the April one is after the period):
    #    d0 66.67 → 100, d1 100 → 100, d2 50 → 100, d4 0 → 50.
    assert result["diagnostic_people"] == 3
    assert result["diagnostic_moved_up"] == 2
    assert result["diagnostic_mean_gain_by_domain"] == {
        "0": 44.4,  # (100 + 0 + 33.33) / 3
        "1": 16.7,  # (50 + 0 + 0) / 3
        "2": 16.7,  # (0 + 0 + 50) / 3
        "4": 50.0,  # (100 + 0 + 50) / 3
    }

    # Sent to A in Q1: CCAS → Bernard (accepted, helped), CCAS → Karl (declined),
    # France Travail → Léa (pending). Marc (December) is before the period.
    assert result["referrals_by_prescriber_kind"] == {
        "social_service": {"total": 2, "sent": 0, "accepted": 1, "declined": 1, "helped": 1},
        "funder": {"total": 1, "sent": 1, "accepted": 0, "declined": 0, "helped": 0},
    }


@pytest.mark.django_db
def test_satisfaction_of_a_structure(world):
    if survey_model() is None:
        assert figures(q1(organisation=world.a))["satisfaction"] is None
        return
    satisfaction = figures(q1(organisation=world.a))["satisfaction"]
    # Answered in Q1 in A: L1 (3, 3, 3) and L3 (2, 3, 1); L10's answer is in April, L7 is in B.
    assert satisfaction == {
        "respondents": 2,
        "questions": {
            "liked": {"yes": 1, "a_little": 1, "no": 0, "percent_yes": 50.0},
            "more_at_ease": {"yes": 2, "a_little": 0, "no": 0, "percent_yes": 100.0},
            "would_recommend": {"yes": 1, "a_little": 0, "no": 1, "percent_yes": 50.0},
        },
    }


# Programmes, funders, networks, periods ---------------------------------------------------


@pytest.mark.django_db
def test_a_programme_counts_only_its_cohorts(world):
    result = figures(q1(programme=world.p1))
    # C1 (L1 L2 L3 L10) and C3 (L5); L1's home visit is tied to C1. Not L4 (a visit tied to
    # no cohort), not C2 (P2).
    assert result["people_helped"] == 5
    assert result["new_people"] == 2  # L2, L3
    assert result["enrolments"] == 4  # L2 L3 L4 (C1), L5 (C3)
    assert (result["enrolments_in_ended_tracks"], result["tracks_completed"]) == (5, 3)
    assert result["completion_rate"] == 60.0
    # C1 6 + C3 9 places; taken 4 + 1.
    assert (result["places"], result["places_taken"], result["fill_rate"]) == (15, 5, 33.3)
    assert (result["target_places"], result["target_hours"]) == (20, 100)
    assert result["group_hours"] == 22.0  # 960 + 360 min
    assert result["learner_hours"] == 65.17  # 3,570 + 340 = 3,910 min
    assert result["individual_help_hours"] == 1.5  # the home visit tied to C1
    assert result["individual_help_hours_by_place"] == {"venue": 0, "home": 1.5, "remote": 0}
    assert result["devices_distributed"] == 2
    # Only Bernard was enrolled in a P1 cohort among the people referred.
    assert result["referrals_by_prescriber_kind"] == {
        "social_service": {"total": 1, "sent": 0, "accepted": 1, "declined": 0, "helped": 1},
    }

    other = figures(q1(programme=world.p2))
    # C2 only: L1 present, L3 absent; nothing handed over in C2 (P2's share was paid on a
    # C1 hand-over, which belongs to P1).
    assert (other["people_helped"], other["enrolments"], other["tracks_completed"]) == (1, 2, 1)
    assert other["group_hours"] == other["learner_hours"] == 2.0
    assert other["individual_help_hours"] == 0
    assert other["devices_distributed"] == 0 and other["funder_shares"] == {}
    # L1 alone: beginner → advanced, gains of L1.
    assert (other["diagnostic_people"], other["diagnostic_moved_up"]) == (1, 1)
    assert other["diagnostic_mean_gain_by_domain"] == {
        "0": 100.0,
        "1": 50.0,
        "2": 0.0,
        "4": 100.0,
    }


@pytest.mark.django_db
def test_a_funder_counts_every_programme_it_funds_and_no_other(world):
    result = figures(q1(funder=world.f1))
    # P1 (5 people) + P3 (C4: L7, L8); not P2, not L7's visit (tied to no cohort).
    assert result["people_helped"] == 7
    assert (result["enrolments_in_ended_tracks"], result["tracks_completed"]) == (7, 5)
    assert result["group_hours"] == 24.0  # 1,320 + 120 min
    assert result["learner_hours"] == 69.17  # 3,910 + 240 = 4,150 min
    assert (result["target_places"], result["target_hours"]) == (32, 140)  # P1 + P3

    caf = figures(q1(funder=world.f2))
    assert caf["people_helped"] == 1 and caf["group_hours"] == 2.0  # P2 = C2


@pytest.mark.django_db
def test_a_network_counts_its_member_structures_only(world):
    result = figures(q1(network=world.network))
    # A (6) + B (L7, L8); C (L9) is outside the network.
    assert result["people_helped"] == 8
    assert result["new_people"] == 5  # L2 L3 L4 + L7 L8
    assert (result["enrolments_in_ended_tracks"], result["tracks_completed"]) == (9, 6)
    assert result["completion_rate"] == 66.7
    assert result["group_hours"] == 26.0  # 1,440 + 120
    assert result["learner_hours"] == 71.17  # 4,030 + 240 = 4,270 min
    assert result["individual_help_hours"] == 3.75  # 165 + 60 min
    assert result["individual_help_hours_by_place"] == {"venue": 1.25, "home": 1.5, "remote": 1.0}
    # L8 is 12 in 2026: 12-18; L7 is 41: 40-59.
    assert result["age_bands"]["12_18"]["count"] == 1
    assert result["age_bands"]["40_59"]["count"] == 1
    assert result["qpv"] == {"count": 3, "percent": 37.5}  # L1 L3 L7 of 8
    assert result["referrals_by_prescriber_kind"]["social_service"] == {
        "total": 3,  # Bernard, Karl, and Nina sent to B (accepted, not yet helped)
        "sent": 0,
        "accepted": 2,
        "declined": 1,
        "helped": 1,
    }

    c_only = figures(q1(organisation=world.c))
    assert c_only["people_helped"] == 1 and c_only["individual_help_hours"] == 0.33  # 20 min


@pytest.mark.django_db
def test_dates_outside_the_period_are_left_out(world):
    december = figures(
        Scope(
            starts_on=datetime.date(2025, 12, 1),
            ends_on=datetime.date(2025, 12, 31),
            organisation=world.a,
        )
    )
    # C5 on Dec 2 (L6 present) and L6's visit on Dec 15: one person, nothing of Q1.
    assert december["people_helped"] == 1
    assert december["new_people"] == 0  # L6's file dates from November
    assert december["enrolments"] == 2  # L1 and L10 in C1, Dec 15
    assert december["group_hours"] == december["learner_hours"] == 2.0
    assert december["individual_help_hours"] == 0.5
    assert (december["enrolments_in_ended_tracks"], december["tracks_completed"]) == (1, 1)
    assert december["devices_distributed"] == 0
    assert december["diagnostic_people"] == 0  # L1's final is in February
    # Marc, sent by the CCAS on Dec 20, still pending.
    assert december["referrals_by_prescriber_kind"] == {
        "social_service": {"total": 1, "sent": 1, "accepted": 0, "declined": 0, "helped": 0}
    }

    april = figures(
        Scope(
            starts_on=datetime.date(2026, 4, 1),
            ends_on=datetime.date(2026, 4, 30),
            organisation=world.a,
        )
    )
    # L2's visit (Apr 2); nothing held (C3's April meetings are not held yet); L10's loan.
    assert april["people_helped"] == 1 and april["group_hours"] == 0
    assert april["devices_by_formula"] == {"donation": 0, "loan": 1, "sale": 0}
    assert april["devices_value"] == Decimal("200.00")  # the laptop's solidarity price


@pytest.mark.django_db
def test_month_by_month(world):
    months = monthly(q1(organisation=world.a))
    assert [m["month"] for m in months] == [
        datetime.date(2026, 1, 1),
        datetime.date(2026, 2, 1),
        datetime.date(2026, 3, 1),
    ]
    january, february, march = months
    # January: C1 (L1 L2 L3 L10) and L1's home visit; 3,570 learner-minutes; 960 group
    # minutes; 90 minutes of help; two hand-overs on Jan 27.
    assert january == {
        "month": datetime.date(2026, 1, 1),
        "people_helped": 4,
        "learner_hours": 59.5,
        "group_hours": 16.0,
        "individual_help_hours": 1.5,
        "devices_distributed": 2,
    }
    # February: L1 at C2 and L4's visit; 120 + 120 minutes; 45 minutes of help.
    assert february == {
        "month": datetime.date(2026, 2, 1),
        "people_helped": 2,
        "learner_hours": 2.0,
        "group_hours": 2.0,
        "individual_help_hours": 0.75,
        "devices_distributed": 0,
    }
    # March: L5 at C3 (Mar 31 at 14:00 is still March); 340 min; 3 × 120; 30 min of help.
    assert march == {
        "month": datetime.date(2026, 3, 1),
        "people_helped": 1,
        "learner_hours": 5.67,
        "group_hours": 6.0,
        "individual_help_hours": 0.5,
        "devices_distributed": 0,
    }
    # L1 came in January and February: the months add up to more than the quarter.
    assert sum(m["people_helped"] for m in months) == 7


@pytest.mark.django_db
def test_a_period_inside_a_month_is_clipped(world):
    (only,) = monthly(
        Scope(
            starts_on=datetime.date(2026, 1, 10),
            ends_on=datetime.date(2026, 1, 20),
            organisation=world.a,
        )
    )
    # C1's meetings of Jan 13 and 20: L1 L2 L3 L10, 4 × 240 × 2 = 1,920 min; 2 × 240 min.
    assert only["month"] == datetime.date(2026, 1, 1)
    assert (only["people_helped"], only["learner_hours"], only["group_hours"]) == (4, 32.0, 8.0)
    assert only["devices_distributed"] == 0


# The rules shared with other apps --------------------------------------------------------


@pytest.mark.django_db
def test_completion_uses_the_rule_of_cohort_completions(world):
    """The figure agrees with cohorts.selectors, cohort by cohort, on the ended cohorts."""
    c1, c2, _c3, c4, _c5 = world.cohorts
    expected = 0
    for cohort in (c1, c2, c4):
        dropped = set(
            cohort.enrolments.filter(status=Enrolment.Status.DROPPED).values_list(
                "learner_id", flat=True
            )
        )
        expected += sum(
            1
            for c in cohort_completions(cohort=cohort)
            if c.completed and c.learner_id not in dropped
        )
    assert figures(q1(network=world.network))["tracks_completed"] == expected == 6


@pytest.mark.django_db
def test_completion_with_mandatory_sessions(organisation, trainer):
    """Rule "every mandatory meeting": meetings 5 and 6 of the parents' track made optional.
    Ann misses the 5th (optional): completed; Ben misses the 2nd: not; Cléo misses the 6th,
    which is cancelled: completed."""
    track = TrackPage.objects.get(slug="parents-scolarite-college")
    TrackPage.objects.filter(pk=track.pk).update(
        completion_rule=TrackPage.CompletionRule.MANDATORY_SESSIONS
    )
    SessionPlanPage.objects.child_of(track).filter(number__in=[5, 6]).update(mandatory=False)
    cohort = make_cohort(organisation, slug=track.slug, capacity=5)
    cohort.trainers.add(trainer)
    people = {}
    for name, marks in (("Ann", "PPPPAP"), ("Ben", "PAPPPP"), ("Cléo", "PPPPP")):
        people[name] = make_learner(organisation, name, "Parent")
        cohort_services.learner_enrol(cohort=cohort, learner=people[name])
        roll(trainer, cohort, people[name], marks)
    Meeting.objects.filter(cohort=cohort, number=6).update(status=Meeting.Status.CANCELLED)
    cohort = Cohort.objects.get(pk=cohort.pk)
    by_rule = {c.learner_id: c.completed for c in cohort_completions(cohort=cohort)}
    assert by_rule == {people["Ann"].pk: True, people["Ben"].pk: False, people["Cléo"].pk: True}
    # Meetings from Jan 6 to Feb 10, 2026 (the 6th, cancelled, does not end the cohort).
    result = figures(q1(organisation=organisation))
    assert (result["enrolments_in_ended_tracks"], result["tracks_completed"]) == (3, 2)


@pytest.mark.django_db
def test_age_bands_at_their_edges(organisation, trainer):
    """Ages reached in 2026, the year the period ends: each edge falls in one band."""
    ages = [11, 12, 17, 18, 24, 25, 39, 40, 59, 60, 69, 70]
    for age in ages:
        person = make_learner(organisation, f"Âge{age}", "Test", birth_year=2026 - age)
        visit(trainer, organisation, datetime.date(2026, 2, 2), 30, learner=person)
    bands = figures(q1(organisation=organisation))["age_bands"]
    counts = {key: bands[key]["count"] for key, _label in AGE_BANDS}
    assert counts == {
        "under_12": 1,  # 11
        "12_18": 2,  # 12, 17
        "18_24": 2,  # 18, 24
        "25_39": 2,  # 25, 39
        "40_59": 2,  # 40, 59
        "60_69": 2,  # 60, 69
        "70_plus": 1,  # 70
        "unknown": 0,
    }


# Query count ---------------------------------------------------------------------------------


# people 1, places 3, completion 3, hours 3, devices 3, diagnostics 2, referrals 1, and the
# satisfaction survey 1 once its model exists.
FIGURES_QUERIES = 16
MONTHLY_QUERIES = 5


def report_transaction_queries():
    """On PostgreSQL the figures run in a transaction that raises work_mem: a savepoint (the
    test's own transaction is open), set_config, and its release."""
    return 3 if connection.vendor == "postgresql" and settings.REPORTS_WORK_MEM else 0


def grow(organisation, programme, trainer, technician, coordinator, prescriber, social, copies):
    """`copies` more C1-like cohorts in Q1, each with three learners who complete it, a
    hand-over with a funder's share, a help visit, two diagnostics, a referral, a survey
    answer."""
    questionnaire = make_questionnaire(slug=f"grow-{Cohort.objects.count()}")
    for copy in range(copies):
        cohort = make_cohort(
            organisation,
            slug="emploi-numerique-avance",
            starts_on=datetime.date(2026, 1, 5),
            capacity=3,
            programme=programme,
            name=f"Emploi {copy} {Cohort.objects.count()}",
        )
        cohort.trainers.add(trainer)
        enrolments = []
        for index in range(3):
            person = make_learner(organisation, f"P{copy}-{index}", "Grow", birth_year=1980)
            enrolments.append(enrol(cohort, person, at(2026, 1, 2)))
            roll(trainer, cohort, person, "PPPP")
        visit(trainer, organisation, datetime.date(2026, 2, 2), 30, learner=person, cohort=cohort)
        device = make_ready(technician, organisation, price=Decimal("100"))
        hand_over(
            trainer,
            device,
            enrolments[0],
            at(2026, 1, 28),
            "sale",
            price=Decimal("100"),
            learner_share=Decimal("20"),
            funding=[(programme, Decimal("80"))],
        )
        user = account(coordinator, person)
        diagnose(trainer, organisation, questionnaire, user, "initial", at(2026, 1, 2), (0,) * 6)
        diagnose(trainer, organisation, questionnaire, user, "final", at(2026, 2, 2), (2,) * 6)
        referral = referral_services.referral_send(
            actor=prescriber,
            organisation=organisation,
            prescriber_organisation=social,
            first_name=person.first_name,
            last_name=person.last_name,
            need="training",
            consent=True,
        )
        referral_services.referral_accept(
            actor=coordinator,
            referral_id=referral.pk,
            diagnostic_at=timezone.now() + datetime.timedelta(days=1),
            diagnostic_place="Salle",
            learner_id=person.pk,
        )
        Referral.objects.filter(pk=referral.pk).update(created_at=at(2026, 1, 3))
        answer_survey(enrolments[0], at(2026, 1, 27), 3, 3, 3)


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_the_data(
    world, trainer, technician, coordinator, prescriber, social_service, django_assert_num_queries
):
    expected = FIGURES_QUERIES + (survey_model() is not None) + report_transaction_queries()
    monthly_expected = MONTHLY_QUERIES + report_transaction_queries()
    for scope in (q1(programme=world.p1), q1(network=world.network)):
        with django_assert_num_queries(expected):
            small = figures(scope)
        with django_assert_num_queries(monthly_expected):
            monthly(scope)
    people = small["people_helped"]

    # Three times as much: two more rounds of the same activity (each round as big as
    # the world's P1 part: a cohort, learners, hand-overs, visits, diagnostics…).
    grow(world.a, world.p1, trainer, technician, coordinator, prescriber, social_service, 3)
    grow(world.a, world.p1, trainer, technician, coordinator, prescriber, social_service, 3)
    for scope in (q1(programme=world.p1), q1(network=world.network)):
        with django_assert_num_queries(expected):
            big = figures(scope)
        with django_assert_num_queries(monthly_expected):
            monthly(scope)
    assert big["people_helped"] == people + 18  # 6 cohorts × 3 learners
    assert big["devices_distributed"] == 2 + 6
    assert big["diagnostic_people"] == 3 + 6


@pytest.mark.django_db(transaction=True)  # no test transaction around: as in production
def test_the_reports_get_more_memory_on_postgresql_for_their_transaction_only(settings):
    if connection.vendor != "postgresql":
        pytest.skip("work_mem is PostgreSQL's")

    def work_mem():
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('work_mem')")
            return cursor.fetchone()[0]

    before = work_mem()
    settings.REPORTS_WORK_MEM = "48MB"
    with report_memory():
        assert work_mem() == "48MB"
    assert work_mem() == before


@pytest.mark.django_db(transaction=True)  # committed data, which other connections can read
def test_on_postgresql_the_parts_run_side_by_side_on_connections_of_their_own(
    live_courses, world, settings
):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs the parts one after the other")

    settings.REPORTS_CONNECTIONS = 2
    for scope in (q1(network=world.network), q1(funder=world.f1), q1(organisation=world.a)):
        with CaptureQueriesContext(connection) as on_ours:
            side_by_side = figures(scope)
        assert len(on_ours) == 0  # every query ran on the threads' own connections
        with transaction.atomic(), CaptureQueriesContext(connection) as on_ours:
            one_after_the_other = figures(scope)
        assert len(on_ours) > 0
        assert side_by_side == one_after_the_other
        assert list(side_by_side) == list(one_after_the_other)  # the glossary's order
    assert (side_by_side["people_helped"], side_by_side["tracks_completed"]) == (6, 4)
    with CaptureQueriesContext(connection) as on_ours:
        figures(q1(programme=world.p1))
    assert len(on_ours) > 0  # one programme: on the caller's connection


@pytest.mark.django_db(transaction=True)
def test_a_failing_part_fails_the_report_and_leaves_no_connection_open(
    live_courses, world, settings, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs the parts one after the other")

    def broken(scope):
        raise RuntimeError("la partie a échoué")

    def connections_to_this_database():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            )
            return cursor.fetchone()[0]

    settings.REPORTS_CONNECTIONS = 2
    before = connections_to_this_database()
    figures(q1(network=world.network))
    assert connections_to_this_database() == before
    monkeypatch.setattr(figures_package, "SECTIONS", (*figures_package.SECTIONS[:-1], broken))
    with pytest.raises(RuntimeError, match="la partie a échoué"):
        figures(q1(network=world.network))
    assert connections_to_this_database() == before
