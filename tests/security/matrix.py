"""Who may use each URL of Tremplin: the authorization matrix of issue #12.

Every URL pattern the project serves has one entry here, found by its name (project URLs) or
by its prefix (the Wagtail admin, documents, allauth, i18n and page serving, one entry each).
`tests/security/test_matrix.py` discovers the patterns and fails on a URL without an entry.

An entry says:
- `roles`: who may use the URL in their own organisation (`ROLES` in the conftest);
- `methods`: the HTTP methods it accepts; `("POST",)` alone means a state-changing view that
  a GET must not reach; a form view (`("GET", "POST")`) changes state on POST only;
- `scope`: `"object"` when its kwargs name objects of organisation A (a member of B with an
  allowed role gets 403/404), `"list"` when it shows the user's own data (B's member gets the
  page, without any of A's data), `"public"` when it shows the same to everyone allowed;
- `kwargs`: builds the URL's kwargs from the world (objects of organisation A);
- `status`: what an allowed user of A gets (GET, or POST with `data` for a POST-only view);
- `data`: the POST body for a POST-only view.
"""

import dataclasses
from collections.abc import Callable

ALL = frozenset(
    {
        "anonymous",
        "learner",
        "trainer",
        "technician",
        "coordinator",
        "cpe",
        "prescriber",
        "funder",
    }
)
SIGNED_IN = ALL - {"anonymous"}
STAFF = frozenset({"trainer", "coordinator"})
WORKSHOP = frozenset({"technician", "coordinator"})
COORDINATOR = frozenset({"coordinator"})
LEARNER = frozenset({"learner"})
ADMIN = frozenset({"coordinator"})


def _none(world):
    return {}


@dataclasses.dataclass(frozen=True)
class Entry:
    roles: frozenset
    methods: tuple = ("GET",)
    scope: str = "list"
    kwargs: Callable = _none
    status: tuple = (200,)
    data: Callable = _none
    # Another object for some roles (a learner takes a diagnostic alone, a trainer with
    # someone): role -> kwargs builder.
    kwargs_by_role: dict = dataclasses.field(default_factory=dict)

    def kwargs_for(self, world, role):
        return self.kwargs_by_role.get(role, self.kwargs)(world)

    @property
    def post_only(self):
        return self.methods == ("POST",)

    @property
    def accepts_post(self):
        return "POST" in self.methods


# --- the objects of organisation A that the URLs name --------------------------------------


def _demo_meeting(world):
    from demo.cohorts import todays_meeting

    return todays_meeting()


def _meeting(world):
    return {"meeting_id": _demo_meeting(world).pk}


def _meeting_learner(world):
    meeting = _demo_meeting(world)
    enrolment = meeting.cohort.enrolments.order_by("pk").first()
    return {"meeting_id": meeting.pk, "learner_id": enrolment.learner_id}


def _launch(world):
    launch = world.objects["launch"]
    return {"meeting_id": launch.meeting_id, "launch_id": launch.pk}


def _launch_only(world):
    return {"launch_id": _launch(world)["launch_id"]}


def _cohort(world):
    return {"cohort_id": _demo_meeting(world).cohort_id}


def _finished_cohort(world):
    return {"cohort_id": world.objects["finished_cohort"].pk}


def _last_meeting(world):
    """The last meeting of the finished cohort: its handouts and paper sheet are stored."""
    return {"meeting_id": world.objects["last_meeting"].pk}


def _learner(world):
    return {"learner_id": _meeting_learner(world)["learner_id"]}


def _learner_without_access(world):
    from cohorts.models import Learner

    learner = Learner.objects.filter(
        organisation=world.objects["organisation"], user__isnull=True
    ).first()
    return {"learner_id": learner.pk}


def _account(world):
    return {"account_id": world.users_a["learner"].learner_account.pk}


def _enrolment(world):
    return {"enrolment_id": world.objects["finished_enrolment"].pk}


def _diploma(world):
    return {"diploma_id": world.objects["diploma"].pk}


def _diploma_code(world):
    return {"code": world.objects["diploma"].code}


def _assessment(world):
    return {"assessment_id": world.objects["assessment"].pk}


def _assisted_open(world):
    return {"assessment_id": world.objects["assisted_open"].pk}


ASSISTED = {"trainer": _assisted_open, "coordinator": _assisted_open}


def _signed_meeting_learner(world):
    """A learner on the roll of a meeting of the demo trainer."""
    from cohorts.models import Attendance

    attendance = (
        Attendance.objects.filter(
            meeting__cohort__organisation=world.objects["organisation"],
            meeting__cohort__trainers=world.users_a["trainer"],
        )
        .order_by("pk")
        .first()
    )
    return {"meeting_id": attendance.meeting_id, "learner_id": attendance.learner_id}


def _assisted(world):
    return {"assessment_id": world.objects["assisted"].pk}


def _session_page(world):
    from courses.models import SessionPlanPage

    return {"page_id": SessionPlanPage.objects.live().order_by("pk").first().pk}


def _activity(world):
    from cohorts.exercises import activities_open_to
    from cohorts.models import Learner

    learner = Learner.objects.get(user=world.users_a["learner"])
    return {"activity_id": activities_open_to(learner).order_by("pk").first().pk}


def _any_activity(world):
    from courses.models import H5PActivity

    return {"activity_id": H5PActivity.objects.filter(is_active=True).order_by("pk").first().pk}


def _signed(world):
    from courses.h5p.addresses import content_id
    from courses.models import H5PActivity

    activity = H5PActivity.objects.filter(is_active=True).order_by("pk").first()
    return {"signed": content_id(activity)}


def _signed_file(world):
    return {**_signed(world), "path": "content/content.json"}


def _library_file(world):
    from courses.models import H5PLibrary

    library = H5PLibrary.objects.exclude(folder="").order_by("pk").first()
    return {
        "directory": f"{library.machine_name}-{library.major_version}.{library.minor_version}",
        "path": "library.json",
    }


def _cpe_cohort(world):
    from cohorts import families

    cpe = world.users_a["cpe"]
    for cohort in _cohorts_of_a(world):
        if families.cpe_cohort_get(actor=cpe, cohort_id=cohort.pk) is not None:
            return {"cohort_id": cohort.pk}
    raise AssertionError("the demo has no cohort open to the CPE's families")


def _cohorts_of_a(world):
    from cohorts.models import Cohort

    return Cohort.objects.filter(organisation=world.objects["organisation"]).order_by("pk")


def _referral(world):
    from cohorts.models import Referral

    referral = Referral.objects.filter(status=Referral.Status.SENT).order_by("pk").first()
    return {"referral_id": referral.pk}


def _programme(world):
    from cohorts.models import Programme

    programme = Programme.objects.filter(funder__slug="departement-47").order_by("pk").first()
    return {"programme_id": programme.pk}


def _device(world):
    from equipment.models import Device

    device = (
        Device.objects.filter(organisation=world.objects["organisation"]).order_by("pk").first()
    )
    return {"code": device.inventory_code}


def _erasure(world):
    from equipment.models import ErasureRecord

    erasure = ErasureRecord.objects.filter(
        device__organisation=world.objects["organisation"]
    ).first()
    return {"erasure_id": erasure.pk}


def _donor(world):
    from equipment.models import Donor

    return {"donor_id": Donor.objects.order_by("pk").first().pk}


def _loan(world):
    return {"handover_id": world.objects["loan"].pk}


def _at_home(world):
    return {"handover_id": world.objects["at_home"].pk}


def _token(world):
    return {"token": "jeton-inconnu-de-tous"}


# --- the table ------------------------------------------------------------------------------

MATRIX = {
    # Grouped by prefix: one entry each, sampled in test_matrix.
    "admin/": Entry(ADMIN, methods=("GET", "POST"), scope="public"),
    "documents/": Entry(ALL, scope="public", status=(404,)),
    "comptes/": Entry(ALL, methods=("GET", "POST"), scope="public", status=(200, 302)),
    # Django's set_language: a GET only redirects, a POST sets the language.
    "i18n/": Entry(ALL, methods=("GET", "POST"), scope="public", status=(302,)),
    "jsi18n/": Entry(ALL, scope="public"),
    "wagtail-serve": Entry(ALL, scope="public"),
    # accounts
    "accounts:landing": Entry(SIGNED_IN, scope="public", status=(302,)),
    # The page for an account without any role: a 403 with an explanation.
    "accounts:no_role": Entry(SIGNED_IN, scope="public", status=(403,)),
    "accounts:learner_login": Entry(
        ALL, methods=("GET", "POST"), scope="public", status=(200, 302)
    ),
    "accounts:learner_accounts": Entry(STAFF),
    "accounts:learner_pin_reset": Entry(
        STAFF, methods=("POST",), scope="object", kwargs=_account, status=(200,)
    ),
    # H5P: the signed content id is the capability; the player is public and sandboxed.
    "h5p_libraries_root": Entry(ALL, scope="public", status=(404,)),
    "h5p_library": Entry(ALL, scope="public", kwargs=_library_file),
    "h5p_player": Entry(ALL, scope="public", kwargs=_signed),
    "h5p_content_root": Entry(ALL, scope="public", kwargs=_signed, status=(404,)),
    "h5p_content": Entry(ALL, scope="public", kwargs=_signed_file),
    # courses (content is not personal data)
    "courses:trainer_catalogue": Entry(STAFF, scope="public"),
    "courses:session_trainer": Entry(STAFF, scope="public", kwargs=_session_page),
    "courses:handout_pdf": Entry(ALL, scope="public", kwargs=_session_page),
    # diagnostics
    "diagnostics:assisted_start": Entry(STAFF, methods=("GET", "POST")),
    "diagnostics:self_start": Entry(LEARNER, methods=("GET", "POST"), status=(200, 302)),
    "diagnostics:question": Entry(
        STAFF | LEARNER,
        methods=("GET", "POST"),
        scope="object",
        kwargs=_assessment,
        kwargs_by_role=ASSISTED,
    ),
    "diagnostics:complete": Entry(
        STAFF | LEARNER,
        methods=("POST",),
        scope="object",
        kwargs=_assessment,
        kwargs_by_role=ASSISTED,
        status=(302,),
    ),
    # The learner's own diagnostic is not finished: its result leads back to the questions.
    "diagnostics:result": Entry(
        STAFF | LEARNER,
        scope="object",
        kwargs=_assessment,
        kwargs_by_role={"trainer": _assisted, "coordinator": _assisted},
        status=(200, 302),
    ),
    # cohorts: the trainer's space
    "cohorts:trainer_home": Entry(STAFF),
    "cohorts:meeting": Entry(STAFF, scope="object", kwargs=_meeting),
    "cohorts:meeting_mark": Entry(
        STAFF,
        methods=("POST",),
        scope="object",
        kwargs=_meeting,
        status=(302,),
        data=lambda world: {"learner": _meeting_learner(world)["learner_id"], "mark": "present"},
    ),
    "cohorts:meeting_walk_in": Entry(
        STAFF, methods=("POST",), scope="object", kwargs=_meeting, status=(400,)
    ),
    "cohorts:meeting_close": Entry(
        STAFF, methods=("POST",), scope="object", kwargs=_meeting, status=(302,)
    ),
    "cohorts:meeting_handouts": Entry(
        STAFF, methods=("POST",), scope="object", kwargs=_meeting, status=(302,)
    ),
    "cohorts:meeting_handouts_status": Entry(STAFF, scope="object", kwargs=_meeting),
    "cohorts:meeting_handouts_pdf": Entry(STAFF, scope="object", kwargs=_last_meeting),
    "cohorts:meeting_projection": Entry(STAFF, scope="object", kwargs=_meeting),
    "cohorts:meeting_sign_trainer": Entry(
        STAFF, methods=("GET", "POST"), scope="object", kwargs=_meeting
    ),
    "cohorts:meeting_sign": Entry(
        STAFF, methods=("GET", "POST"), scope="object", kwargs=_signed_meeting_learner
    ),
    "cohorts:attendance_sheet": Entry(STAFF, scope="object", kwargs=_meeting),
    "cohorts:attendance_sheet_blank": Entry(STAFF, scope="object", kwargs=_meeting),
    "cohorts:paper_sheet_upload": Entry(
        STAFF, methods=("POST",), scope="object", kwargs=_meeting, status=(302,)
    ),
    "cohorts:paper_sheet": Entry(STAFF, scope="object", kwargs=_last_meeting),
    "cohorts:meeting_survey": Entry(
        STAFF, methods=("GET", "POST"), scope="object", kwargs=_meeting_learner
    ),
    "cohorts:meeting_launch_start": Entry(
        STAFF,
        methods=("POST",),
        scope="object",
        kwargs=lambda world: {"meeting_id": world.objects["launch"].meeting_id},
        status=(302,),
        data=lambda world: {"activity": world.objects["launch"].activity_id},
    ),
    "cohorts:meeting_launch": Entry(STAFF, scope="object", kwargs=_launch),
    "cohorts:meeting_launch_board": Entry(STAFF, scope="object", kwargs=_launch),
    "cohorts:meeting_launch_stop": Entry(
        STAFF, methods=("POST",), scope="object", kwargs=_launch, status=(302,)
    ),
    "cohorts:cohort_exercises": Entry(STAFF, scope="object", kwargs=_cohort),
    "cohorts:learner_exercise_results": Entry(STAFF, scope="object", kwargs=_learner),
    "cohorts:exercise_competences": Entry(STAFF),
    "cohorts:exercise_preview": Entry(STAFF, scope="public", kwargs=_any_activity),
    "cohorts:cohort": Entry(STAFF, scope="object", kwargs=_cohort),
    "cohorts:cohort_diplomas": Entry(
        STAFF, methods=("POST",), scope="object", kwargs=_finished_cohort, status=(302,)
    ),
    "cohorts:cohort_diplomas_status": Entry(STAFF, scope="object", kwargs=_finished_cohort),
    "cohorts:cohort_diplomas_pdf": Entry(STAFF, scope="object", kwargs=_finished_cohort),
    "cohorts:enrolment_diploma": Entry(
        STAFF, methods=("GET", "POST"), scope="object", kwargs=_enrolment
    ),
    "cohorts:diploma_pdf": Entry(STAFF, scope="object", kwargs=_diploma),
    # Public on purpose: the holder of the paper checks it (first name and initial only).
    "cohorts:verify_home": Entry(ALL, scope="public"),
    "cohorts:verify": Entry(ALL, scope="public", kwargs=_diploma_code),
    "cohorts:learner_access": Entry(
        STAFF,
        methods=("POST",),
        scope="object",
        kwargs=_learner_without_access,
    ),
    "cohorts:assessment_enrol": Entry(
        STAFF, methods=("GET", "POST"), scope="object", kwargs=_assisted
    ),
    # cohorts: the CPE's space
    "cohorts:cpe_home": Entry(frozenset({"cpe"})),
    "cohorts:cpe_family_enrol": Entry(
        frozenset({"cpe"}), methods=("GET", "POST"), scope="object", kwargs=_cpe_cohort
    ),
    "cohorts:cpe_families_csv": Entry(frozenset({"cpe"})),
    # cohorts: referrals
    "cohorts:prescriber_home": Entry(frozenset({"prescriber"})),
    "cohorts:referral_new": Entry(frozenset({"prescriber"}), methods=("GET", "POST")),
    "cohorts:prescriber_referral": Entry(
        frozenset({"prescriber"}), scope="object", kwargs=_referral
    ),
    "cohorts:referral_queue": Entry(COORDINATOR),
    "cohorts:referral_accept": Entry(
        COORDINATOR, methods=("POST",), scope="object", kwargs=_referral, status=(400,)
    ),
    "cohorts:referral_decline": Entry(
        COORDINATOR, methods=("POST",), scope="object", kwargs=_referral, status=(400,)
    ),
    # cohorts: the learner's space
    "cohorts:learner_home": Entry(LEARNER),
    "cohorts:learner_meetings": Entry(LEARNER),
    "cohorts:learner_handouts": Entry(LEARNER),
    "cohorts:learner_exercises": Entry(LEARNER),
    "cohorts:learner_exercise": Entry(LEARNER, scope="object", kwargs=_activity),
    "cohorts:learner_launch_join": Entry(
        LEARNER, scope="object", kwargs=_launch_only, status=(302,)
    ),
    "cohorts:learner_exercise_statement": Entry(LEARNER, methods=("POST",), status=(400,)),
    "cohorts:learner_progress": Entry(LEARNER),
    "cohorts:learner_device": Entry(LEARNER),
    "cohorts:learner_survey": Entry(LEARNER, methods=("GET", "POST"), status=(302,)),
    "cohorts:learner_survey_thanks": Entry(LEARNER),
    "cohorts:learner_login_qr": Entry(STAFF, scope="object", kwargs=_learner),
    # cohorts: the learner import (tokens live in the uploader's session)
    "cohorts:learner_import": Entry(STAFF, methods=("GET", "POST")),
    "cohorts:learner_import_template": Entry(
        STAFF, scope="public", kwargs=lambda world: {"fmt": "xlsx"}
    ),
    "cohorts:learner_import_preview": Entry(STAFF, kwargs=_token, status=(302,)),
    "cohorts:learner_import_confirm": Entry(STAFF, methods=("POST",), kwargs=_token, status=(302,)),
    "cohorts:learner_import_done": Entry(STAFF, kwargs=_token, status=(302,)),
    # equipment
    "equipment:technician_home": Entry(WORKSHOP),
    "equipment:handover_meeting": Entry(
        STAFF, methods=("GET", "POST"), scope="object", kwargs=_last_meeting
    ),
    "equipment:handover_sign": Entry(STAFF, methods=("GET", "POST"), scope="object", kwargs=_loan),
    "equipment:handover_document": Entry(STAFF, scope="object", kwargs=_loan),
    "equipment:handover_home_setup": Entry(
        STAFF, methods=("GET", "POST"), scope="object", kwargs=_at_home
    ),
    "equipment:loans": Entry(COORDINATOR),
    "equipment:loan_end": Entry(
        COORDINATOR,
        methods=("POST",),
        scope="object",
        kwargs=_loan,
        status=(302,),
        data=lambda world: {"outcome": "returned"},
    ),
    "equipment:device_import": Entry(WORKSHOP, methods=("GET", "POST")),
    "equipment:device_import_template": Entry(WORKSHOP, scope="public"),
    "equipment:device_import_mapping": Entry(
        WORKSHOP, methods=("GET", "POST"), kwargs=_token, status=(302,)
    ),
    "equipment:device_import_preview": Entry(WORKSHOP, kwargs=_token, status=(302,)),
    "equipment:device_import_confirm": Entry(
        WORKSHOP, methods=("POST",), kwargs=_token, status=(302,)
    ),
    "equipment:device_import_done": Entry(WORKSHOP, kwargs=_token, status=(302,)),
    "equipment:device_export": Entry(WORKSHOP),
    "equipment:device_list": Entry(WORKSHOP),
    "equipment:device_register": Entry(WORKSHOP, methods=("GET", "POST")),
    "equipment:device_labels": Entry(WORKSHOP, status=(302,)),
    "equipment:erasure_certificate": Entry(WORKSHOP, scope="object", kwargs=_erasure),
    "equipment:donor_list": Entry(WORKSHOP),
    "equipment:donor": Entry(WORKSHOP, scope="object", kwargs=_donor),
    "equipment:donor_report": Entry(WORKSHOP, scope="object", kwargs=_donor),
    "equipment:device": Entry(WORKSHOP, scope="object", kwargs=_device),
    "equipment:device_move": Entry(
        WORKSHOP,
        methods=("POST",),
        scope="object",
        kwargs=_device,
        status=(400,),
    ),
    "equipment:device_erasure": Entry(
        WORKSHOP,
        methods=("POST",),
        scope="object",
        kwargs=_device,
        status=(400,),
    ),
    "equipment:device_label": Entry(WORKSHOP, scope="object", kwargs=_device),
    # privacy: a learner's file, its export and its erasure (coordinators of the learner's
    # structure); the privacy notice is public.
    "privacy:learner_file": Entry(COORDINATOR, scope="object", kwargs=_learner),
    "privacy:learner_export_json": Entry(COORDINATOR, scope="object", kwargs=_learner),
    "privacy:learner_export_pdf": Entry(COORDINATOR, scope="object", kwargs=_learner),
    "privacy:learner_erase": Entry(
        COORDINATOR, methods=("GET", "POST"), scope="object", kwargs=_learner
    ),
    "privacy:notice": Entry(ALL, scope="public"),
    # reports: funders read aggregates of the programmes they fund
    "reports:funder_home": Entry(frozenset({"funder"})),
    "reports:glossary": Entry(frozenset({"funder"}), scope="public"),
    "reports:programme_report": Entry(frozenset({"funder"}), scope="object", kwargs=_programme),
    "reports:programme_xlsx": Entry(frozenset({"funder"}), scope="object", kwargs=_programme),
    "reports:programme_csv": Entry(frozenset({"funder"}), scope="object", kwargs=_programme),
    "reports:programme_pdf": Entry(frozenset({"funder"}), scope="object", kwargs=_programme),
    "reports:coordinator_dashboard": Entry(COORDINATOR),
    "reports:coordinator_activities_xlsx": Entry(COORDINATOR),
    "reports:coordinator_activities_csv": Entry(COORDINATOR),
}

# URLs outside the project's own apps, grouped by the prefix of their route.
GROUPED_PREFIXES = ("admin/", "documents/", "comptes/", "i18n/", "jsi18n/")
WAGTAIL_SERVE = "wagtail-serve"
