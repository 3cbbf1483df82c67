"""The rule that says which models hold personal data, and the models and apps exempt from
it with their reason: `unaccounted()` lists the models flagged but neither registered nor
exempt (tests/privacy/test_registry.py fails on any)."""

from django.contrib.auth import get_user_model

from cohorts.models import Learner

from .base import REGISTRY

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
    people = {Learner, get_user_model()}
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
