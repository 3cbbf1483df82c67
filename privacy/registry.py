"""What Tremplin holds about a learner, model by model: how to export it, how to erase it.

A model holds personal data when it points at a learner or at a user account, or has a field
named like personal data (`PERSONAL_WORDS`). Each such model has an entry here — an export
handler and an erase handler — or an exemption with its reason (`EXEMPT_MODELS`,
`EXEMPT_APPS`); tests/privacy/test_registry.py fails on a model with neither, so a new model
holding personal data cannot be forgotten.

Erasure removes what identifies or describes the person — names, contact details, free
text, drawn signatures, the sign-in code and password — and keeps the anonymous facts that
funders' reports count: marks and minutes, enrolments and their status, help visits,
devices handed over, diagnostic levels, gender, birth year, QPV / RSA / job seeker. A report
computed before the erasure gives the same figures after it.

Handlers run in the order they are registered: the cached documents first (they are found
by the learner's name), the learner's file and account last.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import LearnerAccount
from cohorts.evidence import DIPLOMA_BATCH_KIND
from cohorts.models import (
    Attempt,
    AttemptStatement,
    Attendance,
    AuditEntry,
    Cohort,
    Diploma,
    Enrolment,
    HelpVisit,
    Learner,
    Meeting,
    Referral,
    Reminder,
    SatisfactionAnswer,
    Signature,
    WaitingListEntry,
)
from courses.services import HANDOUT_BATCH_KIND
from diagnostics.models import Assessment
from documents.models import GeneratedDocument
from equipment.models import Handover

# What an erased learner's file shows instead of their names.
ERASED_FIRST_NAME = "Anonyme"


def erased_last_name(learner):
    return f"n° {learner.pk}"


class Erasure:
    """What one erasure collects on its way: stored files to delete once it is committed (a
    rolled-back erasure must leave the files in place)."""

    def __init__(self):
        self.files = []

    def forget_file(self, field_file):
        if field_file:
            self.files.append((field_file.storage, field_file.name))

    def delete_files_on_commit(self):
        def delete():
            for storage, name in self.files:
                storage.delete(name)

        transaction.on_commit(delete)


@dataclass(frozen=True)
class Entry:
    """How one model's rows about a learner are exported and erased.

    `export(learner)` returns the rows as dicts keyed by field name; `erase(learner,
    erasure)` removes the personal data and returns how many rows it changed (0 for a model
    whose rows are kept as they are: say why in `kept`)."""

    model: type[models.Model]
    export: Callable
    erase: Callable
    kept: str = ""
    fields: tuple[str, ...] = ()

    @property
    def label(self):
        return self.model._meta.label

    @property
    def title(self):
        return self.model._meta.verbose_name_plural


REGISTRY: dict[str, Entry] = {}


def register(model, *, export, erase=None, kept=""):
    """Add `model` to the registry; `erase=None` with a `kept` reason keeps its rows."""
    if erase is None:
        if not kept:
            raise ValueError(f"{model._meta.label}: an erase handler, or why the rows are kept")

        def erase(learner, erasure):
            return 0

    REGISTRY[model._meta.label] = Entry(
        model=model,
        export=export,
        erase=erase,
        kept=kept,
        fields=tuple(getattr(export, "fields", ())),
    )


def entries():
    return list(REGISTRY.values())


# Exporting ---------------------------------------------------------------------------------


def value_of(obj, name):
    """A field's value as a person reads it: the label of a choice, the name of a linked
    object, the name of a stored file."""
    field = obj._meta.get_field(name)
    if field.choices:
        return str(getattr(obj, f"get_{name}_display")())
    value = getattr(obj, name)
    if field.is_relation:
        return str(value) if value is not None else None
    if isinstance(field, models.FileField):
        return value.name or ""
    return value


def rows(queryset, fields):
    return [{name: value_of(obj, name) for name in fields} for obj in queryset]


def exporter(query, fields):
    """An export handler: `query(learner)` gives the rows, `fields` the columns."""

    def export(learner):
        return rows(query(learner), fields)

    export.fields = fields
    return export


def clearer(query, **blank):
    """An erase handler that overwrites the fields of `blank` on the rows of `query`."""

    def erase(learner, erasure):
        return query(learner).update(**blank)

    return erase


# Cached documents (copies of printed names) -------------------------------------------------


def _learner_documents(learner):
    """PDFs kept by documents.store that print the learner's name: the handouts of their
    meetings and the diplomas of their cohorts. They are caches: printing again makes them
    again."""
    ids = set(
        Meeting.objects.filter(
            Q(attendances__learner=learner) | Q(cohort__enrolments__learner=learner)
        )
        .exclude(handouts=None)
        .values_list("handouts_id", flat=True)
    )
    ids |= set(
        Cohort.objects.filter(enrolments__learner=learner)
        .exclude(diploma_batch=None)
        .values_list("diploma_batch_id", flat=True)
    )
    name = str(learner)
    diploma_ids = set(
        Diploma.objects.filter(enrolment__learner=learner).values_list("pk", flat=True)
    )
    # Older batches no meeting or cohort points at any more, found by what they print.
    batches = GeneratedDocument.objects.filter(
        kind__in=[HANDOUT_BATCH_KIND, DIPLOMA_BATCH_KIND]
    ).only("pk", "params")
    for document in batches.iterator():
        params = document.params or {}
        if name in params.get("learner_names", []) or diploma_ids & set(
            params.get("diploma_ids", [])
        ):
            ids.add(document.pk)
    return GeneratedDocument.objects.filter(pk__in=ids)


def _documents_erase(learner, erasure):
    documents = list(_learner_documents(learner))
    for document in documents:
        erasure.forget_file(document.file)
    GeneratedDocument.objects.filter(pk__in=[d.pk for d in documents]).delete()
    return len(documents)


register(
    GeneratedDocument,
    export=exporter(_learner_documents, ["kind", "status", "created_at"]),
    erase=_documents_erase,
)


# cohorts ----------------------------------------------------------------------------------


def _learner_rows(model, path="learner"):
    return lambda learner: model.objects.filter(**{path: learner}).order_by("pk")


register(
    Enrolment,
    export=exporter(
        _learner_rows(Enrolment), ["cohort", "status", "reason", "drop_reason", "enrolled_at"]
    ),
    erase=clearer(_learner_rows(Enrolment), reason="", drop_reason=""),
)
register(
    WaitingListEntry,
    export=exporter(_learner_rows(WaitingListEntry), ["cohort", "reason", "added_at"]),
    erase=clearer(_learner_rows(WaitingListEntry), reason=""),
)
register(
    Attendance,
    export=exporter(
        _learner_rows(Attendance), ["meeting", "mark", "late_minutes", "minutes", "marked_at"]
    ),
    kept=_("Présences et minutes suivies : des faits anonymes comptés dans les bilans."),
)
register(
    HelpVisit,
    export=exporter(
        _learner_rows(HelpVisit),
        ["organisation", "date", "duration_minutes", "theme", "place", "notes"],
    ),
    erase=clearer(_learner_rows(HelpVisit), notes=""),
)
register(
    Reminder,
    export=exporter(_learner_rows(Reminder), ["meeting", "channel", "sent_at", "detail"]),
    # The detail may name the phone number the SMS went to.
    erase=clearer(_learner_rows(Reminder), detail=""),
)


def _signatures_erase(learner, erasure):
    """The drawn signatures go, image and all; the attendance marks they confirmed stay."""
    signatures = list(Signature.objects.filter(learner=learner))
    for signature in signatures:
        erasure.forget_file(signature.image)
    Signature.objects.filter(pk__in=[s.pk for s in signatures]).delete()
    return len(signatures)


register(
    Signature,
    export=exporter(
        _learner_rows(Signature), ["meeting", "signed_at", "image", "ip_address", "user_agent"]
    ),
    erase=_signatures_erase,
)


def _diplomas(learner):
    return Diploma.objects.filter(enrolment__learner=learner).order_by("pk")


register(
    Diploma,
    export=exporter(
        _diplomas,
        [
            "kind",
            "code",
            "first_name",
            "last_name",
            "track_title",
            "organisation_name",
            "attended_minutes",
            "planned_minutes",
            "competences",
            "issued_on",
            "decision_reason",
        ],
    ),
    # The verification page then answers with the track and date, and no name.
    erase=clearer(_diplomas, first_name=ERASED_FIRST_NAME, last_name="", decision_reason=""),
)
register(
    Attempt,
    export=exporter(
        _learner_rows(Attempt),
        ["activity", "started_at", "finished_at", "score", "max_score", "success"],
    ),
    kept=_("Essais d'exercices : scores sans nom."),
)


def _statements(learner):
    return AttemptStatement.objects.filter(attempt__learner=learner).order_by("pk")


register(
    AttemptStatement,
    export=exporter(
        _statements, ["attempt", "question_label", "response", "success", "score", "received_at"]
    ),
    # A typed answer is free text.
    erase=clearer(_statements, response=""),
)


def _satisfaction(learner):
    return SatisfactionAnswer.objects.filter(enrolment__learner=learner).order_by("pk")


register(
    SatisfactionAnswer,
    export=exporter(
        _satisfaction,
        ["enrolment", "liked", "more_at_ease", "would_recommend", "answered_at", "source"],
    ),
    kept=_("Avis de fin de parcours : trois réponses sans texte, comptées dans les bilans."),
)


def _referrals_erase(learner, erasure):
    return (
        Referral.objects.filter(learner=learner)
        .order_by()
        .update(
            first_name=ERASED_FIRST_NAME,
            last_name=erased_last_name(learner),
            phone="",
            email="",
            note="",
            decline_reason="",
            diagnostic_place="",
        )
    )


register(
    Referral,
    export=exporter(
        _learner_rows(Referral),
        [
            "created_at",
            "prescriber_organisation",
            "organisation",
            "need",
            "first_name",
            "last_name",
            "phone",
            "email",
            "language",
            "reads_french",
            "receives_rsa",
            "lives_in_qpv",
            "is_job_seeker",
            "note",
            "consent",
            "status",
            "decline_reason",
            "diagnostic_at",
            "diagnostic_place",
        ],
    ),
    erase=_referrals_erase,
)
register(
    AuditEntry,
    export=exporter(
        lambda learner: AuditEntry.objects.filter(learner_id=learner.pk).order_by("at", "pk"),
        ["at", "action", "organisation", "detail"],
    ),
    kept=_("Journal des accès : des numéros seulement, il prouve qui a fait quoi."),
)


# diagnostics, equipment ------------------------------------------------------------------


def _assessments(learner):
    """The learner's diagnostics: taken with their account, or the one they were enrolled
    from (an assisted diagnostic made before they had an account)."""
    where = Q(enrolments__learner=learner)
    if learner.user_id:
        where |= Q(learner_user_id=learner.user_id)
    return Assessment.objects.filter(where).distinct().order_by("pk")


def _assessments_erase(learner, erasure):
    ids = list(_assessments(learner).values_list("pk", flat=True))
    return Assessment.objects.filter(pk__in=ids).update(person_name="")


register(
    Assessment,
    export=exporter(
        _assessments,
        [
            "phase",
            "mode",
            "status",
            "person_name",
            "started_at",
            "completed_at",
            "score",
            "score_max",
            "level",
            "domain_scores",
            "needs",
            "answers",
        ],
    ),
    # Levels and scores stay (diagnostic progress in the reports); the account they point
    # at is kept, anonymised, for the same reason.
    erase=_assessments_erase,
)


def _handovers(learner):
    return Handover.objects.filter(enrolment__learner=learner).order_by("pk")


def _handovers_erase(learner, erasure):
    handovers = list(_handovers(learner).exclude(learner_signature=""))
    for handover in handovers:
        erasure.forget_file(handover.learner_signature)
    return Handover.objects.filter(pk__in=[h.pk for h in handovers]).update(learner_signature="")


register(
    Handover,
    export=exporter(
        _handovers,
        [
            "device",
            "formula",
            "status",
            "handed_over_at",
            "loan_ends_on",
            "price",
            "learner_share",
            "at_home",
            "ended_on",
            "learner_signed_at",
            "learner_signature",
        ],
    ),
    # The device, its formula and who paid stay: funders were told about them.
    erase=_handovers_erase,
)


# The file and the account, last -----------------------------------------------------------

LEARNER_FIELDS = [
    "organisation",
    "first_name",
    "last_name",
    "phone",
    "email",
    "birth_year",
    "gender",
    "language",
    "reads_french",
    "lives_in_qpv",
    "receives_rsa",
    "is_job_seeker",
    "referred_by",
    "child_class",
    "household",
    "consent_at",
    "consent_text",
    "created_at",
]


def _learner_erase(learner, erasure):
    # Birth year, gender, language and the QPV / RSA / job-seeker flags stay: the reports
    # count them; without a name they describe nobody. The consent's date and text stay as
    # proof of what the person agreed to.
    return Learner.objects.filter(pk=learner.pk).update(
        first_name=ERASED_FIRST_NAME,
        last_name=erased_last_name(learner),
        phone="",
        email="",
        referred_by="",
        child_class="",
        household="",
    )


register(
    Learner,
    export=exporter(lambda learner: Learner.objects.filter(pk=learner.pk), LEARNER_FIELDS),
    erase=_learner_erase,
)


register(
    LearnerAccount,
    export=exporter(
        lambda learner: LearnerAccount.objects.filter(user_id=learner.user_id),
        ["code", "pin_set_at", "failed_attempts", "locked_until"],
    ),
    # The sign-in code goes with the account's sign-in.
    erase=lambda learner, erasure: (
        LearnerAccount.objects.filter(user_id=learner.user_id).delete()[0] if learner.user_id else 0
    ),
)
register(
    EmailAddress,
    export=exporter(
        lambda learner: EmailAddress.objects.filter(user_id=learner.user_id),
        ["email", "verified", "primary"],
    ),
    erase=lambda learner, erasure: (
        EmailAddress.objects.filter(user_id=learner.user_id).delete()[0] if learner.user_id else 0
    ),
)

User = get_user_model()


def _user_erase(learner, erasure):
    """The account stays, anonymised and unable to sign in: the diagnostics point at it, and
    the reports compare a person's first and last diagnostic through it."""
    if not learner.user_id:
        return 0
    return User.objects.filter(pk=learner.user_id).update(
        username=f"efface-{learner.user_id}-{secrets.token_hex(4)}",
        first_name="",
        last_name="",
        email="",
        phone="",
        password=make_password(None),
        is_active=False,
    )


register(
    User,
    export=exporter(
        lambda learner: User.objects.filter(pk=learner.user_id),
        ["username", "first_name", "last_name", "email", "phone", "date_joined", "last_login"],
    ),
    erase=_user_erase,
)


# Models that hold no learner's personal data, although the rule flags them -----------------

STAFF_ONLY = "points at staff accounts only (who did something), never at a learner"

EXEMPT_MODELS = {
    "accounts.Membership": "a staff member's role; removed with the staff account",
    "accounts.Organisation": "the name and town of a structure, not of a person",
    "documents.BrandingSettings": "the structure's contact and diploma signatory, printed publicly",
    "cohorts.Cohort": "a group's name and its trainers (staff)",
    "cohorts.ExerciseLaunch": STAFF_ONLY,
    "cohorts.Meeting": (
        "the trainer's notes on a session, and the paper sheet signed by the whole group, "
        "kept as evidence of attendance for funders' audits"
    ),
    "cohorts.Programme": "a programme's name",
    "courses.Competence": "a competence of the framework",
    "courses.H5PActivity": STAFF_ONLY,
    "courses.H5PLibrary": "an H5P library's machine name",
    "diagnostics.OrientationRule": "a rule's name",
    "diagnostics.QuestionnaireVersion": STAFF_ONLY,
    "equipment.Device": "notes about a machine",
    "equipment.DeviceEvent": STAFF_ONLY,
    "equipment.Donor": "the contact of a donor company, not of a learner",
    "equipment.ErasureRecord": STAFF_ONLY,
    "reports.ReportDelivery": "funders' work addresses a report was sent to",
    "reports.ReportSubscription": "funders' work addresses, set by a coordinator",
}

EXEMPT_APPS = {
    "admin": "Django's admin log: staff only (learners never reach an admin)",
    "auth": "groups and permissions",
    "contenttypes": "model names",
    "django_q": "task names and schedules",
    "sessions": "sign-in sessions expire by themselves; an erased account cannot sign in",
    "taggit": "tags",
    "wagtailadmin": "Wagtail admin state: staff only",
    "wagtailcore": "Wagtail pages, revisions and logs: staff editors only",
    "wagtaildocs": "documents uploaded by staff",
    "wagtailembeds": "embedded media",
    "wagtailforms": "Tremplin defines no form page: nothing is submitted through it",
    "wagtailimages": "images uploaded by staff",
    "wagtailredirects": "redirects",
    "wagtailsearch": "search index",
    "wagtailusers": "Wagtail admin preferences: staff only",
    "account": "allauth's e-mail confirmations: staff only (learners sign in with a code)",
}


# The rule ----------------------------------------------------------------------------------

PERSONAL_WORDS = frozenset(
    {
        "name",
        "phone",
        "email",
        "address",
        "birth",
        "note",
        "notes",
        "signature",
        "household",
        "contact",
        "recipients",
    }
)


def personal_reasons(model):
    """Why the rule says `model` holds personal data: its own fields (not inherited) that
    point at a learner or a user account, or whose name is one of `PERSONAL_WORDS`."""
    reasons = []
    people = {Learner, User}
    for field in [*model._meta.local_fields, *model._meta.local_many_to_many]:
        if field.is_relation and field.related_model in people:
            reasons.append(f"{field.name} → {field.related_model._meta.label}")
        elif PERSONAL_WORDS & set(field.name.split("_")):
            reasons.append(field.name)
    return reasons


def unaccounted(all_models):
    """Models the rule flags that are neither registered nor exempt, with the reasons."""
    missing = {}
    for model in all_models:
        if model._meta.proxy or not model._meta.managed:
            continue
        label = model._meta.label
        if label in REGISTRY or label in EXEMPT_MODELS or model._meta.app_label in EXEMPT_APPS:
            continue
        reasons = personal_reasons(model)
        if reasons:
            missing[label] = reasons
    return missing
