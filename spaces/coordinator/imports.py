"""Import of learners from a spreadsheet: upload, preview every row, then commit.

The steps are the shared ones of `core.spreadsheets.views`; this module says what the
learner import asks (a structure, perhaps a cohort), how it reads its stored rows back
through the person's scope, and what the done page says; and it serves the model file.
"""

from urllib.parse import urlencode

from django import forms
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from accounts.decorators import role_required
from accounts.models import Organisation, Role
from accounts.scoping import LEARNER_ACCESS_ROLES, organisation_ids_for
from cohorts import imports
from cohorts.import_columns import COLUMNS, LANGUAGE_NAMES
from cohorts.models import Cohort, Enrolment, Learner
from core.spreadsheets.exports import XLSX_CONTENT_TYPE, csv_bytes, workbook_bytes
from core.spreadsheets.imports import UploadRow
from core.spreadsheets.previews import PreviewStore
from core.spreadsheets.views import SpreadsheetImport, display_value

# Two hours: long enough to check a file with a colleague, short enough not to commit stale
# rows; only the latest three previews are kept (a session is not a store).
PREVIEWS = PreviewStore(session_key="cohorts_learner_imports", salt="cohorts.learner_import")

# The example row of the model file, written as a structure would fill it in.
TEMPLATE_EXAMPLE = {
    "first_name": "Fatoumata",
    "last_name": "Diarra",
    "phone": "06 12 34 56 78",
    "email": "fatoumata.diarra@exemple.fr",
    "birth_year": "1987",
    "gender": "Femme",
    "language": "bambara",
    "reads_french": "non",
    "lives_in_qpv": "oui",
    "receives_rsa": "oui",
    "is_job_seeker": "oui",
    "referred_by": "CCAS de Pessac",
    "consent": "oui",
}


def import_organisations(user):
    """The structures where the user may import learners."""
    organisations = Organisation.objects.filter(is_active=True).order_by("name")
    if user.is_superuser:
        return organisations
    return organisations.filter(pk__in=organisation_ids_for(user, LEARNER_ACCESS_ROLES))


class LearnerImportForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Structure"), queryset=Organisation.objects.none(), empty_label=None
    )
    cohort = forms.ModelChoiceField(
        label=gettext_lazy("Inscrire les personnes dans un groupe (facultatif)"),
        queryset=Cohort.objects.none(),
        required=False,
        empty_label=gettext_lazy("Aucun groupe"),
        help_text=gettext_lazy("Sans groupe, Tremplin crée seulement les fiches des personnes."),
    )
    file = forms.FileField(
        label=gettext_lazy("Fichier Excel (.xlsx) ou CSV"),
        help_text=gettext_lazy(
            "Une personne par ligne, les titres des colonnes sur la première ligne. "
            "2 000 lignes et 2 Mo au plus."
        ),
        error_messages={
            "required": gettext_lazy("Choisissez le fichier à importer."),
            "empty": gettext_lazy("Ce fichier est vide."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,text/csv"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = list(import_organisations(user))
        self.fields["organisation"].queryset = import_organisations(user)
        if len(organisations) == 1:
            # Nothing to choose: the field stays, hidden, so every path reads it the same way.
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].initial = organisations[0].pk
        cohorts = (
            Cohort.objects.visible_to(user)
            .filter(organisation__in=organisations)
            .select_related("organisation")
            .annotate(
                taken=Count("enrolments", filter=~Q(enrolments__status=Enrolment.Status.DROPPED))
            )
            .order_by("organisation__name", "-starts_on", "name")
        )
        self.fields["cohort"].queryset = cohorts
        several = len(organisations) > 1
        self.fields["cohort"].label_from_instance = lambda cohort: _cohort_label(cohort, several)

    def clean(self):
        cleaned = super().clean()
        organisation, cohort = cleaned.get("organisation"), cleaned.get("cohort")
        if organisation and cohort and cohort.organisation_id != organisation.pk:
            self.add_error(
                "cohort", _("Ce groupe appartient à une autre structure que celle choisie.")
            )
        return cleaned


def _cohort_label(cohort, with_organisation):
    label = _("%(name)s — début le %(date)s — places libres : %(free)s sur %(capacity)s") % {
        "name": cohort.name,
        "date": date_format(cohort.starts_on, "SHORT_DATE_FORMAT"),
        "free": max(cohort.capacity - cohort.taken, 0),
        "capacity": cohort.capacity,
    }
    return f"{cohort.organisation.name} · {label}" if with_organisation else label


class LearnerImport(SpreadsheetImport):
    previews = PREVIEWS
    columns = COLUMNS
    upload_url = "cohorts:learner_import"
    preview_url = "cohorts:learner_import_preview"
    confirm_url = "cohorts:learner_import_confirm"
    done_url = "cohorts:learner_import_done"
    upload_template = "coordinator/import/upload.html"
    preview_template = "coordinator/import/preview.html"
    done_template = "coordinator/import/done.html"

    def get_form(self, request):
        initial = {
            key: request.GET[key] for key in ("organisation", "cohort") if key in request.GET
        }
        return LearnerImportForm(
            request.POST or None, request.FILES or None, user=request.user, initial=initial
        )

    def read(self, form):
        upload = imports.learner_import_read(form.cleaned_data["file"])
        organisation, cohort = form.cleaned_data["organisation"], form.cleaned_data["cohort"]
        return upload.errors, {
            "organisation": organisation.pk,
            "cohort": cohort.pk if cohort else None,
            "filename": form.cleaned_data["file"].name,
            "columns": upload.columns,
            "ignored_columns": upload.ignored_columns,
            "rows": [[row.line, row.values] for row in upload.rows],
        }

    def get_context(self, request, token, payload):
        organisation = get_object_or_404(
            import_organisations(request.user), pk=payload["organisation"]
        )
        cohort = None
        if payload["cohort"]:
            cohort = get_object_or_404(
                Cohort.objects.visible_to(request.user).filter(organisation=organisation),
                pk=payload["cohort"],
            )
        return {
            "token": token,
            "payload": payload,
            "organisation": organisation,
            "cohort": cohort,
            "upload_rows": [
                UploadRow(line=line, values=values) for line, values in payload["rows"]
            ],
            "columns": payload["columns"],
        }

    def validate(self, context):
        return imports.learner_import_validate(
            organisation=context["organisation"],
            upload_rows=context["upload_rows"],
            columns=context["columns"],
            cohort=context["cohort"],
        )

    def commit(self, request, context):
        return imports.learner_import_commit(
            actor=request.user,
            organisation=context["organisation"],
            upload_rows=context["upload_rows"],
            cohort=context["cohort"],
            columns=context["columns"],
        )

    def display(self, name, value):
        if name == "gender" and value:
            return Learner.Gender(value).label
        if name == "language" and value:
            return LANGUAGE_NAMES.get(value, value)
        return display_value(value)

    def retry_url(self, context):
        return reverse(self.upload_url) + "?" + _querystring(context)

    def preview_extra_context(self, context):
        return {
            "ignored_columns": context["payload"].get("ignored_columns", []),
            "filename": context["payload"].get("filename", ""),
        }

    def done_payload(self, context, created):
        return {
            "organisation": context["organisation"].name,
            "cohort": context["cohort"].name if context["cohort"] else "",
            "retry_query": _querystring(context),
        }

    def done_context(self, payload):
        again_url = reverse(self.upload_url) + "?" + payload["retry_query"]
        return {**super().done_context(payload), "again_url": again_url}


def _querystring(context):
    query = {"organisation": context["organisation"].pk}
    if context["cohort"]:
        query["cohort"] = context["cohort"].pk
    return urlencode(query)


STEPS = LearnerImport()


@role_required(Role.COORDINATOR, Role.TRAINER)
def learner_import(request):
    """Step 1: choose the structure, perhaps a cohort, and the file."""
    return STEPS.upload(request)


@role_required(Role.COORDINATOR, Role.TRAINER)
def learner_import_preview(request, token):
    """Step 2: every row with its cleaned values and its errors; nothing is written."""
    return STEPS.preview(request, token)


@require_POST
@role_required(Role.COORDINATOR, Role.TRAINER)
def learner_import_confirm(request, token):
    """Step 3: create everyone, or no one if anything is wrong now."""
    return STEPS.confirm(request, token)


@role_required(Role.COORDINATOR, Role.TRAINER)
def learner_import_done(request, token):
    return STEPS.done(request, token)


@role_required(Role.COORDINATOR, Role.TRAINER)
def learner_import_template(request, fmt):
    """The model file: the titles Tremplin reads, and one example row to replace."""
    headers = [column.header for column in COLUMNS]
    example = [TEMPLATE_EXAMPLE[column.field] for column in COLUMNS]
    if fmt == "csv":
        # Semicolons and a BOM: what French Excel expects when it opens a CSV.
        response = HttpResponse(
            csv_bytes([headers, example]), content_type="text/csv; charset=utf-8"
        )
        filename = "modele-import-apprenants.csv"
    elif fmt == "xlsx":
        response = HttpResponse(_template_xlsx(headers, example), content_type=XLSX_CONTENT_TYPE)
        filename = "modele-import-apprenants.xlsx"
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _template_xlsx(headers, example):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Apprenants")
    sheet.append(headers)
    sheet.append(example)
    for position, header in enumerate(headers, start=1):
        sheet.cell(row=1, column=position).font = Font(bold=True)
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = max(len(header), 14) + 4
    sheet.freeze_panes = "A2"
    help_sheet = workbook.create_sheet(_("Mode d'emploi"))
    help_sheet.append([_("Colonne"), _("Ce qu'il faut écrire")])
    for column in COLUMNS:
        help_sheet.append([column.header, str(column.help)])
    help_sheet.column_dimensions["A"].width = 22
    help_sheet.column_dimensions["B"].width = 90
    help_sheet["A1"].font = help_sheet["B1"].font = Font(bold=True)
    return workbook_bytes(workbook)
