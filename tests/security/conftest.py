"""The world of the authorization matrix, built once per test module.

Organisation A is the demo network (`load_demo`: one account per role, cohorts, referrals,
families, devices, exercises) plus what the demo lacks (a finished cohort with diplomas and
hand-overs, an assessment). Organisation B is a second, unrelated set of structures with one
member per role and no data: its members must reach nothing of A.

The world lives in a transaction opened for the module and rolled back at its end; each test
runs in a savepoint inside it, so nothing leaks into other test modules.
"""

import dataclasses
import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from accounts.models import LearnerAccount, Organisation, User
from accounts.services import membership_grant
from demo.accounts import DEMO_LEARNER_CODE
from tests.accounts.factories import OrganisationFactory, UserFactory

ROLES = (
    "anonymous",
    "learner",
    "trainer",
    "technician",
    "coordinator",
    "cpe",
    "prescriber",
    "funder",
)

DEMO_STAFF = {
    "coordinator": "claire.martin",
    "trainer": "karim.benali",
    "technician": "lucas.moreau",
    "cpe": "sophie.durand",
    "prescriber": "nadia.haddad",
    "funder": "julien.roux",
}


@dataclasses.dataclass
class World:
    users_a: dict
    users_b: dict
    objects: dict
    markers: list  # strings that only organisation A's data contains (learner names, codes)

    def user(self, role, own=True):
        return (self.users_a if own else self.users_b)[role]


def _close_all(cohort, trainer):
    from cohorts import services as cohort_services

    for meeting in cohort.meetings.order_by("number"):
        cohort_services.meeting_close(actor=trainer, meeting_id=meeting.pk)


def _organisation_b():
    """Structures of another place, one member per role, a learner account, no data."""
    association = OrganisationFactory(
        name="Association des Tilleuls", slug="b-tilleuls", kind=Organisation.Kind.ASSOCIATION
    )
    school = OrganisationFactory(
        name="Collège Pablo-Neruda", slug="b-neruda", kind=Organisation.Kind.SCHOOL
    )
    social = OrganisationFactory(
        name="CCAS de Mérignac", slug="b-ccas", kind=Organisation.Kind.SOCIAL_SERVICE
    )
    funder = OrganisationFactory(
        name="Région de test", slug="b-region", kind=Organisation.Kind.FUNDER
    )
    places = {
        "coordinator": association,
        "trainer": association,
        "technician": association,
        "cpe": school,
        "prescriber": social,
        "funder": funder,
    }
    users = {}
    for role, organisation in places.items():
        user = UserFactory(
            username=f"b-{role}", first_name="Zoé", last_name=f"Autre-{role.capitalize()}"
        )
        membership_grant(user=user, organisation=organisation, role=role)
        users[role] = user
    from cohorts.services import learner_give_access
    from tests.cohorts.factories import make_learner

    learner = make_learner(association, "Yann", "Ailleurs")
    account, _pin = learner_give_access(actor=users["coordinator"], learner_id=learner.pk)
    users["learner"] = account.user
    users["anonymous"] = None
    return users


def _extras_a(users):
    """What the demo lacks: a finished parents' cohort with diplomas and hand-overs, and an
    assessment of the demo learner."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from cohorts import evidence
    from cohorts import services as cohort_services
    from cohorts.tasks import diploma_batch_render
    from courses.tasks import handout_batch_render
    from diagnostics.models import Assessment, Questionnaire
    from diagnostics.services import (
        assessment_answer,
        assessment_complete,
        assessment_questions,
        assessment_start,
    )
    from equipment import services as equipment_services
    from tests.cohorts.factories import finished_cohort
    from tests.equipment.factories import make_ready

    organisation = Organisation.objects.get(slug="passerelles-numeriques")
    trainer, technician = users["trainer"], users["technician"]
    cohort, enrolments = finished_cohort(organisation, trainer, learners=3)
    for index, enrolment in enumerate(enrolments):
        learner = enrolment.learner
        learner.first_name, learner.last_name = f"Ophélie{index}", "Matrixa"
        learner.household = f"Foyer Matrixa {index}"
        learner.save()
    _close_all(cohort, trainer)
    last = cohort.meetings.order_by("-number").first()
    diplomas = evidence.cohort_issue_documents(actor=trainer, cohort_id=cohort.pk)
    # The printed batches and the paper sheet, so that their downloads have something to
    # refuse. The world's transaction never commits: run the workers' tasks here.
    batch = evidence.cohort_diploma_batch_request(
        actor=trainer, cohort_id=cohort.pk, verify_url="http://testserver/verify/"
    )
    diploma_batch_render(batch.pk)
    handouts = cohort_services.meeting_request_handouts(
        actor=trainer, meeting_id=last.pk, online_url="http://testserver/parcours/"
    )
    handout_batch_render(handouts.pk)
    evidence.meeting_attach_paper_sheet(
        actor=trainer,
        meeting_id=last.pk,
        upload=SimpleUploadedFile(
            "feuille.pdf", b"%PDF-1.4 feuille papier", content_type="application/pdf"
        ),
    )
    end = timezone.localdate() + datetime.timedelta(days=60)
    loan = equipment_services.device_hand_over(
        actor=trainer,
        device_id=make_ready(technician, organisation).pk,
        enrolment_id=enrolments[0].pk,
        formula="loan",
        loan_ends_on=end,
        buyout_price=Decimal("40"),
    )
    at_home = equipment_services.device_hand_over(
        actor=trainer,
        device_id=make_ready(technician, organisation).pk,
        enrolment_id=enrolments[1].pk,
        formula="donation",
        at_home=True,
    )
    questionnaire = Questionnaire.objects.filter(current_version__isnull=False).first()
    learner_user = users["learner"]
    assessment = assessment_start(
        actor=learner_user,
        organisation=organisation,
        questionnaire=questionnaire,
        mode=Assessment.Mode.SELF,
        learner_user=learner_user,
    )
    assisted = assessment_start(
        actor=trainer,
        organisation=organisation,
        questionnaire=questionnaire,
        mode=Assessment.Mode.ASSISTED,
        person_name="Ophélie Evaluée",
    )
    for question in assessment_questions(assisted):
        value = question["answers"][0]["value"]
        assessment_answer(
            actor=trainer,
            assessment_id=assisted.pk,
            key=question["key"],
            value=[value] if question["multiple"] else value,
        )
    assessment_complete(actor=trainer, assessment_id=assisted.pk)
    assisted_open = assessment_start(
        actor=trainer,
        organisation=organisation,
        questionnaire=questionnaire,
        mode=Assessment.Mode.ASSISTED,
        person_name="Ophélie Enquestion",
    )
    return {
        "organisation": organisation,
        "assisted": assisted,
        "assisted_open": assisted_open,
        "launch": _open_launch(users),
        "finished_cohort": cohort,
        "last_meeting": last,
        "finished_enrolment": enrolments[0],
        "diploma": diplomas[0],
        "loan": loan,
        "at_home": at_home,
        "assessment": assessment,
    }


def _open_launch(users):
    """An exercise running in the demo learner's group (the demo's, or one started here)."""
    from cohorts.exercises import launch_start, learner_enrolments, open_launches
    from cohorts.models import Learner
    from courses.models import H5PActivity

    learner = Learner.objects.get(user=users["learner"])
    launch = open_launches(learner).order_by("pk").first()
    if launch is None:
        enrolment = learner_enrolments(learner).order_by("pk").first()
        meeting = enrolment.cohort.meetings.order_by("number").first()
        activity = H5PActivity.objects.filter(is_active=True).order_by("pk").first()
        launch = launch_start(meeting, activity, users["trainer"])
    return launch


def _markers(organisation):
    """Text that appears only in organisation A's data: learner names, device codes, donors."""
    from cohorts.models import Learner, Referral
    from equipment.models import Device, Donor

    names = {
        f"{first} {last}"
        for first, last in Learner.objects.filter(organisation=organisation).values_list(
            "first_name", "last_name"
        )
    }
    names |= {
        f"{first} {last}"
        for first, last in Referral.objects.values_list("first_name", "last_name")
        if first and last
    }
    codes = set(
        Device.objects.filter(organisation=organisation).values_list("inventory_code", flat=True)
    )
    donors = set(Donor.objects.filter(organisation=organisation).values_list("name", flat=True))
    return sorted(n for n in names | codes | donors if len(n) >= 6)


def build_world():
    call_command("load_demo", quiet_accounts=True)
    users_a = {role: User.objects.get(username=name) for role, name in DEMO_STAFF.items()}
    users_a["learner"] = LearnerAccount.objects.get(code=DEMO_LEARNER_CODE).user
    users_a["anonymous"] = None
    objects = _extras_a(users_a)
    users_b = _organisation_b()
    return World(
        users_a=users_a,
        users_b=users_b,
        objects=objects,
        markers=_markers(objects["organisation"]),
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)
