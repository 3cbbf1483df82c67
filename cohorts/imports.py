"""Import of learners from a structure's spreadsheet (CSV or XLSX): read, check every row
with a French message a volunteer can act on, then create everyone or no one.

Reading and validating write nothing, so the preview can run as often as needed. Only
`learner_import_commit` writes, and it validates the same rows again against the database
as it is at that moment: someone may have added a learner between preview and commit.
Reading the file, matching its titles and the shapes of row errors are the shared
framework's (`core.spreadsheets`); the columns and their words are in `import_columns`.
"""

import re
from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Organisation
from accounts.scoping import LEARNER_ACCESS_ROLES, works_for
from core.phone import PHONE_INVALID, phone_key, phone_normalise
from core.spreadsheets.imports import (
    TEXT_TOO_LONG,
    ImportResult,
    ImportRow,
    RowError,
    UploadFile,
    UploadRow,
    read_known_columns,
    yes_no,
)
from core.text import collapse_spaces, loose_key

from . import services
from .import_columns import (
    COLUMNS,
    COLUMNS_BY_FIELD,
    GENDERS,
    LANGUAGE_KEYS,
    REQUIRED_FIELDS,
    TEXT_MAX_LENGTHS,
    YES_NO_DEFAULTS,
)
from .models import Cohort, Enrolment, Learner

BIRTH_YEAR_MIN = 1900

# What the person agreed to when the structure ticked "Consentement" in its spreadsheet. It is
# stored with the learner as the record of that consent, so it stays in French, untranslated.
CONSENT_TEXT = (
    "La personne accepte que la structure enregistre ses coordonnées et le suivi de son "
    "parcours dans Tremplin, pour l'accompagner et rendre compte de son activité aux "
    "financeurs sous forme de chiffres anonymes. Elle peut à tout moment demander à "
    "consulter, corriger ou supprimer ces informations."
)

# File-level messages (those of any spreadsheet are in core.spreadsheets.reading).
FILE_NO_ROWS = gettext_noop(
    "Ce fichier ne contient aucune personne : seulement la ligne des titres de colonnes."
)
COHORT_NO_ROOM = gettext_noop(
    "Le groupe « %(cohort)s » est complet : choisissez un autre groupe, ou importez les "
    "personnes sans groupe."
)
COHORT_TOO_SMALL = gettext_noop(
    "Le groupe « %(cohort)s » n'a pas assez de places libres : %(free)s pour %(count)s "
    "personnes. Choisissez un autre groupe, ou importez les personnes sans groupe."
)
COHORT_OTHER_ORGANISATION = gettext_noop("Ce groupe appartient à une autre structure.")
IMPORT_NOT_ALLOWED = gettext_noop(
    "Vous ne pouvez pas importer des apprenants dans cette structure."
)

# Row-level messages, shown after "Ligne 12, colonne « Prénom » : ".
FIRST_NAME_MISSING = gettext_noop("le prénom manque.")
LAST_NAME_MISSING = gettext_noop("le nom manque.")
EMAIL_INVALID = gettext_noop(
    "« %(value)s » n'est pas une adresse e-mail valide (exemple : prenom.nom@exemple.fr)."
)
BIRTH_YEAR_INVALID = gettext_noop(
    "« %(value)s » n'est pas une année de naissance : écrivez une année entre 1900 et "
    "%(max)s, par exemple 1985."
)
YES_NO_INVALID = gettext_noop(
    "« %(value)s » n'est pas compris : écrivez oui ou non, ou laissez vide."
)
GENDER_INVALID = gettext_noop(
    "« %(value)s » n'est pas compris : écrivez F, M, Femme, Homme, ou laissez vide."
)
LANGUAGE_INVALID = gettext_noop(
    "« %(value)s » n'est pas une langue connue : écrivez son nom (par exemple arabe) ou son "
    "code (par exemple ar)."
)
DUPLICATE_IN_FILE_PHONE = gettext_noop(
    "cette personne est déjà à la ligne %(first_line)s (même prénom, même nom, même "
    "téléphone). Gardez une seule ligne par personne."
)
DUPLICATE_IN_FILE_BIRTH_YEAR = gettext_noop(
    "cette personne est déjà à la ligne %(first_line)s (même prénom, même nom, même année de "
    "naissance). Gardez une seule ligne par personne."
)
ALREADY_FOLLOWED_PHONE = gettext_noop(
    "cette personne est déjà suivie par la structure (même prénom, même nom, même "
    "téléphone) : retirez cette ligne du fichier."
)
ALREADY_FOLLOWED_BIRTH_YEAR = gettext_noop(
    "cette personne est déjà suivie par la structure (même prénom, même nom, même année de "
    "naissance) : retirez cette ligne du fichier."
)


def _name_key(first_name, last_name):
    return (loose_key(first_name), loose_key(last_name))


# --- Reading -----------------------------------------------------------------------------


def learner_import_read(file) -> UploadFile:
    """Read an uploaded CSV or XLSX file: titles on the first line, one person per line.

    Returns what could be read; file-level problems (kind, size, titles, row count) are in
    `errors`, and the rows are not checked yet.
    """
    return read_known_columns(file, COLUMNS, required=REQUIRED_FIELDS, no_rows=FILE_NO_ROWS)


# --- Validation ----------------------------------------------------------------------------


def _birth_year(raw):
    text = raw.strip()
    match = (
        re.fullmatch(r"(\d{4})", text)
        or re.fullmatch(r"\d{1,2}[/.\-]\d{1,2}[/.\-](\d{4})", text)
        or re.fullmatch(r"(\d{4})-\d{1,2}-\d{1,2}(?:[ T].*)?", text)
    )
    if match is None:
        return None
    year = int(match.group(1))
    return year if BIRTH_YEAR_MIN <= year <= timezone.localdate().year else None


def _language(raw):
    key = loose_key(raw)
    if key in LANGUAGE_KEYS:
        return LANGUAGE_KEYS[key]
    if re.fullmatch(r"[a-z]{2,3}", key):
        return key
    return None


def _text(values, name):
    return collapse_spaces(values.get(name, ""))


def _clean_row(upload_row, columns):
    row = ImportRow(line=upload_row.line, raw=dict(upload_row.values))
    values, cleaned = upload_row.values, row.cleaned

    def error(name, message):
        title = columns.get(name) or COLUMNS_BY_FIELD[name].header
        row.errors.append(RowError(row.line, title, message, name))

    for name in ("first_name", "last_name", "email", "referred_by"):
        cleaned[name] = _text(values, name)
    for name, missing in (("first_name", FIRST_NAME_MISSING), ("last_name", LAST_NAME_MISSING)):
        if not cleaned[name]:
            error(name, _(missing))
    for name, max_length in TEXT_MAX_LENGTHS.items():
        if len(cleaned[name]) > max_length:
            error(name, _(TEXT_TOO_LONG) % {"max": max_length})

    cleaned["phone"] = ""
    if phone := _text(values, "phone"):
        cleaned["phone"] = phone_normalise(phone) or ""
        if not cleaned["phone"]:
            error("phone", _(PHONE_INVALID) % {"value": phone})

    email = cleaned["email"]
    if email and len(email) <= TEXT_MAX_LENGTHS["email"]:
        try:
            validate_email(email)
        except ValidationError:
            error("email", _(EMAIL_INVALID) % {"value": email})

    cleaned["birth_year"] = None
    if birth_year := _text(values, "birth_year"):
        cleaned["birth_year"] = _birth_year(birth_year)
        if cleaned["birth_year"] is None:
            year = timezone.localdate().year
            error("birth_year", _(BIRTH_YEAR_INVALID) % {"value": birth_year, "max": year})

    cleaned["gender"] = ""
    if gender := _text(values, "gender"):
        if loose_key(gender) in GENDERS:
            cleaned["gender"] = GENDERS[loose_key(gender)]
        else:
            error("gender", _(GENDER_INVALID) % {"value": gender})

    cleaned["language"] = "fr"
    if language := _text(values, "language"):
        cleaned["language"] = _language(language) or "fr"
        if _language(language) is None:
            error("language", _(LANGUAGE_INVALID) % {"value": language})

    for name, default in YES_NO_DEFAULTS.items():
        cleaned[name] = default
        if text := _text(values, name):
            cleaned[name] = yes_no(text)
            if cleaned[name] is None:
                cleaned[name] = default
                error(name, _(YES_NO_INVALID) % {"value": text})
    return row


def _check_duplicates(rows, organisation):
    """Within the file, the second row names the first; against the organisation's learners,
    the row is refused. The same person: same first and last name (read without case or
    accents) and the same phone, or the same birth year."""
    seen = {}
    for row in rows:
        if not row.cleaned["first_name"] or not row.cleaned["last_name"]:
            continue
        names = _name_key(row.cleaned["first_name"], row.cleaned["last_name"])
        for kind, value in (("phone", row.cleaned["phone"]), ("year", row.cleaned["birth_year"])):
            if not value:
                continue
            key = (*names, kind, phone_key(value) if kind == "phone" else value)
            if key in seen:
                message = (
                    DUPLICATE_IN_FILE_PHONE if kind == "phone" else DUPLICATE_IN_FILE_BIRTH_YEAR
                )
                row.errors.append(RowError(row.line, "", _(message) % {"first_line": seen[key]}))
                break
            seen[key] = row.line

    # One read of the organisation's learners: names must be compared as people read them,
    # which SQL cannot do portably. A structure follows thousands of people at most.
    existing = set()
    learners = Learner.objects.filter(organisation=organisation).values_list(
        "first_name", "last_name", "phone", "birth_year"
    )
    for first_name, last_name, phone, birth_year in learners.iterator(chunk_size=2000):
        names = _name_key(first_name, last_name)
        if phone:
            existing.add((*names, "phone", phone_key(phone)))
        if birth_year:
            existing.add((*names, "year", birth_year))
    for row in rows:
        if not row.cleaned["first_name"] or not row.cleaned["last_name"]:
            continue
        names = _name_key(row.cleaned["first_name"], row.cleaned["last_name"])
        if row.cleaned["phone"] and (*names, "phone", phone_key(row.cleaned["phone"])) in existing:
            row.errors.append(RowError(row.line, "", _(ALREADY_FOLLOWED_PHONE)))
        elif row.cleaned["birth_year"] and (*names, "year", row.cleaned["birth_year"]) in existing:
            row.errors.append(RowError(row.line, "", _(ALREADY_FOLLOWED_BIRTH_YEAR)))


def _cohort_free_places(cohort):
    taken = cohort.enrolments.exclude(status=Enrolment.Status.DROPPED).count()
    return cohort.capacity - taken


def _check_cohort(result, organisation, cohort):
    if cohort.organisation_id != organisation.pk:
        result.errors.append(_(COHORT_OTHER_ORGANISATION))
        return
    count = len(result.rows)
    free = _cohort_free_places(cohort)
    if count <= free:
        return
    if free <= 0:
        result.errors.append(_(COHORT_NO_ROOM) % {"cohort": cohort.name})
        return
    result.errors.append(
        _(COHORT_TOO_SMALL) % {"cohort": cohort.name, "free": free, "count": count}
    )


def learner_import_validate(
    *,
    organisation: Organisation,
    upload_rows: Iterable[UploadRow],
    columns: Mapping[str, str] | None = None,
    cohort: Cohort | None = None,
) -> ImportResult:
    """Check every row against the rules and the organisation's learners. Writes nothing."""
    columns = dict(columns or {})
    result = ImportResult(columns=columns)
    result.rows = [_clean_row(row, columns) for row in upload_rows]
    _check_duplicates(result.rows, organisation)
    if cohort is not None:
        _check_cohort(result, organisation, cohort)
    return result


# --- Commit --------------------------------------------------------------------------------


@transaction.atomic
def learner_import_commit(
    *,
    actor,
    organisation: Organisation,
    upload_rows: Iterable[UploadRow],
    cohort: Cohort | None = None,
    columns: Mapping[str, str] | None = None,
) -> list[Learner]:
    """Create every learner of the file, and enrol them in `cohort` if given, or nothing.

    The rows are checked again here, so a learner added since the preview is not created
    twice; any error, including a cohort that fills up meanwhile, rolls everything back.
    """
    if not works_for(actor, organisation, LEARNER_ACCESS_ROLES):
        raise PermissionDenied(_(IMPORT_NOT_ALLOWED))
    # Two imports of the same file at once would both pass the duplicate check: one waits.
    list(Organisation.objects.select_for_update().filter(pk=organisation.pk).values_list("pk"))
    upload_rows = list(upload_rows)
    if not upload_rows:
        raise ValidationError(_(FILE_NO_ROWS))
    result = learner_import_validate(
        organisation=organisation, upload_rows=upload_rows, columns=columns, cohort=cohort
    )
    result.raise_unless_valid()
    now = timezone.now()
    learners = []
    for row in result.rows:
        fields = dict(row.cleaned)
        consent = fields.pop("consent")
        learner = Learner(
            organisation=organisation,
            consent_at=now if consent else None,
            consent_text=CONSENT_TEXT if consent else "",
            **fields,
        )
        # The organisation was checked above; checking it per row would cost a query each.
        learner.full_clean(exclude=["organisation", "user"])
        learners.append(learner)
    learners = Learner.objects.bulk_create(learners)
    if cohort is not None:
        # One rule for enrolment, in one place. A cohort holds a dozen people, so calling the
        # service per learner stays cheap.
        for learner in learners:
            services.learner_enrol(cohort=cohort, learner=learner)
    return learners
