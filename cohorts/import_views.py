"""Import of learners from a spreadsheet: upload, preview every row, then commit.

The rows read from the file wait between the preview and the commit in the session, signed
and bound to the person and the structure, so the commit checks again exactly what the
person saw, and no file is kept on disk.
"""

import csv
import io
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import Organisation, Role
from accounts.scoping import LEARNER_ACCESS_ROLES, organisation_ids_for

from . import imports
from .models import Cohort, Enrolment, Learner
from .previews import PreviewStore

# Two hours: long enough to check a file with a colleague, short enough not to commit stale
# rows; only the latest three previews are kept (a session is not a store).
PREVIEWS = PreviewStore(session_key="cohorts_learner_imports", salt="cohorts.learner_import")

PREVIEW_EXPIRED = gettext_lazy(
    "Cet aperçu n'est plus disponible (plus de deux heures ont passé, ou il a déjà été "
    "importé). Déposez le fichier à nouveau."
)

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


@role_required(Role.COORDINATOR, Role.TRAINER)
def learner_import(request):
    """Step 1: choose the structure, perhaps a cohort, and the file."""
    initial = {key: request.GET[key] for key in ("organisation", "cohort") if key in request.GET}
    form = LearnerImportForm(
        request.POST or None, request.FILES or None, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        upload = imports.learner_import_read(form.cleaned_data["file"])
        for error in upload.errors:
            form.add_error("file", error)
        if not upload.errors:
            organisation, cohort = form.cleaned_data["organisation"], form.cleaned_data["cohort"]
            token = PREVIEWS.save(
                request,
                {
                    "user": request.user.pk,
                    "organisation": organisation.pk,
                    "cohort": cohort.pk if cohort else None,
                    "filename": form.cleaned_data["file"].name,
                    "columns": upload.columns,
                    "ignored_columns": upload.ignored_columns,
                    "rows": [[row.line, row.values] for row in upload.rows],
                },
            )
            return redirect("cohorts:learner_import_preview", token=token)
    return render(
        request,
        "cohorts/import/upload.html",
        {"form": form, "columns": imports.COLUMNS, "max_rows": imports.MAX_ROWS},
    )


def _preview_context(request, token):
    payload = PREVIEWS.load(request, token)
    if payload is None or "rows" not in payload:
        return None
    # Access may have changed since the upload: read both through the user's scope again.
    organisation = get_object_or_404(import_organisations(request.user), pk=payload["organisation"])
    cohort = None
    if payload["cohort"]:
        cohort = get_object_or_404(
            Cohort.objects.visible_to(request.user).filter(organisation=organisation),
            pk=payload["cohort"],
        )
    upload_rows = [imports.UploadRow(line=line, values=values) for line, values in payload["rows"]]
    return {
        "token": token,
        "payload": payload,
        "organisation": organisation,
        "cohort": cohort,
        "upload_rows": upload_rows,
        "columns": payload["columns"],
    }


def _table(result, columns):
    """The preview table: the file's known columns in the model file's order, each cell
    with its cleaned value (or the text as written when it is wrong)."""
    shown = [column for column in imports.COLUMNS if column.field in columns]
    rows = []
    for row in result.rows:
        cells = []
        for column in shown:
            wrong = column.field in row.error_fields
            value = row.raw.get(column.field, "") if wrong else row.cleaned.get(column.field)
            cells.append({"value": _display(column.field, value, wrong), "wrong": wrong})
        rows.append({"row": row, "cells": cells})
    return shown, rows


def _display(name, value, wrong):
    if wrong:
        return value
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    if name == "gender":
        return Learner.Gender(value).label if value else ""
    if name == "language":
        return imports.LANGUAGE_NAMES.get(value, value)
    return "" if value is None else value


@role_required(Role.COORDINATOR, Role.TRAINER)
def learner_import_preview(request, token):
    """Step 2: every row with its cleaned values and its errors; nothing is written."""
    context = _preview_context(request, token)
    if context is None:
        messages.error(request, PREVIEW_EXPIRED)
        return redirect("cohorts:learner_import")
    return _render_preview(request, context)


def _render_preview(request, context, commit_errors=()):
    result = imports.learner_import_validate(
        organisation=context["organisation"],
        upload_rows=context["upload_rows"],
        columns=context["columns"],
        cohort=context["cohort"],
    )
    shown, rows = _table(result, context["columns"])
    retry = reverse("cohorts:learner_import") + "?" + _querystring(context)
    return render(
        request,
        "cohorts/import/preview.html",
        {
            **context,
            "result": result,
            "shown_columns": shown,
            "table_rows": rows,
            "ignored_columns": context["payload"].get("ignored_columns", []),
            "filename": context["payload"].get("filename", ""),
            "commit_errors": commit_errors,
            "retry_url": retry,
        },
    )


def _querystring(context):
    query = {"organisation": context["organisation"].pk}
    if context["cohort"]:
        query["cohort"] = context["cohort"].pk
    return urlencode(query)


@require_POST
@role_required(Role.COORDINATOR, Role.TRAINER)
def learner_import_confirm(request, token):
    """Step 3: create everyone, or no one if anything is wrong now."""
    context = _preview_context(request, token)
    if context is None:
        messages.error(request, PREVIEW_EXPIRED)
        return redirect("cohorts:learner_import")
    # A double click sends the confirmation twice: only the first one imports.
    if not PREVIEWS.lock(request, token):
        return redirect("cohorts:learner_import_done", token=token)
    try:
        learners = imports.learner_import_commit(
            actor=request.user,
            organisation=context["organisation"],
            upload_rows=context["upload_rows"],
            cohort=context["cohort"],
            columns=context["columns"],
        )
    except ValidationError as error:
        PREVIEWS.unlock(token)
        return _render_preview(request, context, commit_errors=error.messages)
    PREVIEWS.save(
        request,
        token=token,
        payload={
            "user": request.user.pk,
            "done": len(learners),
            "organisation": context["organisation"].name,
            "cohort": context["cohort"].name if context["cohort"] else "",
            "retry_query": _querystring(context),
        },
    )
    return redirect("cohorts:learner_import_done", token=token)


@role_required(Role.COORDINATOR, Role.TRAINER)
def learner_import_done(request, token):
    payload = PREVIEWS.load(request, token)
    if payload is None or "done" not in payload:
        return redirect("cohorts:learner_import")
    return render(
        request,
        "cohorts/import/done.html",
        {
            "count": payload["done"],
            "organisation_name": payload["organisation"],
            "cohort_name": payload["cohort"],
            "again_url": reverse("cohorts:learner_import") + "?" + payload["retry_query"],
        },
    )


@role_required(Role.COORDINATOR, Role.TRAINER)
def learner_import_template(request, fmt):
    """The model file: the titles Tremplin reads, and one example row to replace."""
    headers = [column.header for column in imports.COLUMNS]
    example = [TEMPLATE_EXAMPLE[column.field] for column in imports.COLUMNS]
    if fmt == "csv":
        buffer = io.StringIO()
        # Semicolons and a BOM: what French Excel expects when it opens a CSV.
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerows([headers, example])
        response = HttpResponse(
            ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
        )
        filename = "modele-import-apprenants.csv"
    elif fmt == "xlsx":
        response = HttpResponse(
            _template_xlsx(headers, example),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        filename = "modele-import-apprenants.xlsx"
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _template_xlsx(headers, example):
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

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
    for column in imports.COLUMNS:
        help_sheet.append([column.header, str(column.help)])
    help_sheet.column_dimensions["A"].width = 22
    help_sheet.column_dimensions["B"].width = 90
    help_sheet["A1"].font = help_sheet["B1"].font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
