"""Import of devices from the structure's stock spreadsheet: upload, map the columns,
preview every row, then commit; and the export of the stock to XLSX.

As for the learner import, the rows read from the file wait in the session, signed and
bound to the person and the structure, so the commit checks again exactly what the person
saw and no file is kept on disk.
"""

import io

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import Organisation, Role
from accounts.scoping import organisation_ids_for
from cohorts.previews import PreviewStore

from . import imports
from .models import Device

PREVIEWS = PreviewStore(session_key="equipment_device_imports", salt="equipment.device_import")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

PREVIEW_EXPIRED = gettext_lazy(
    "Cet aperçu n'est plus disponible (plus de deux heures ont passé, ou il a déjà été "
    "importé). Déposez le fichier à nouveau."
)

# The model file's example rows, written as a structure keeps its stock.
TEMPLATE_EXAMPLES = (
    {
        "serial_number": "PF1K2XYZ",
        "kind": "Portable",
        "brand": "Lenovo",
        "model": "ThinkPad T480",
        "processor": "i5-8350U",
        "memory_gb": "8 Go",
        "storage_gb": "256 Go SSD",
        "operating_system": "Windows 11",
        "grade": "B",
        "donor": "Caisse d'Épargne Aquitaine",
        "collected_on": "12/03/2026",
        "batch": "2026-03",
        "price": "120,00 €",
        "notes": "Batterie à 80 %, chargeur fourni",
    },
    {
        "serial_number": "CZC8123ABC",
        "kind": "Unité centrale",
        "brand": "HP",
        "model": "EliteDesk 800 G4",
        "processor": "i5-8500",
        "memory_gb": "16",
        "storage_gb": "512",
        "operating_system": "Linux Mint 22",
        "grade": "A",
        "donor": "Mairie de Pessac",
        "collected_on": "20/03/2026",
        "batch": "2026-03",
        "price": "90",
        "notes": "Sans clavier ni souris",
    },
)


def import_organisations(user):
    """The structures where the user may import devices."""
    organisations = Organisation.objects.filter(is_active=True).order_by("name")
    if user.is_superuser:
        return organisations
    return organisations.filter(pk__in=organisation_ids_for(user, imports.IMPORT_ROLES))


class DeviceImportForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Structure"), queryset=Organisation.objects.none(), empty_label=None
    )
    file = forms.FileField(
        label=gettext_lazy("Fichier Excel (.xlsx) ou CSV"),
        help_text=gettext_lazy(
            "Un appareil par ligne, les titres des colonnes sur la première ligne. "
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
        organisations = import_organisations(user)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].initial = organisations.first().pk


class MappingForm(forms.Form):
    """One select per column of the file: the device field it gives, or "ignorer"."""

    def __init__(self, *args, sheet_titles, samples, initial_mapping, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("— ignorer cette colonne —"))] + [
            (column.field, column.label) for column in imports.COLUMNS
        ]
        self.titles = list(sheet_titles)
        for position, title in enumerate(self.titles):
            examples = ", ".join(f"« {value} »" for value in samples[title]) or _("vide")
            self.fields[f"col_{position}"] = forms.ChoiceField(
                label=title,
                choices=choices,
                required=False,
                initial=initial_mapping.get(title, ""),
                help_text=_("Exemples : %(values)s") % {"values": examples},
            )

    def mapping(self):
        return {
            title: self.cleaned_data.get(f"col_{position}", "")
            for position, title in enumerate(self.titles)
        }

    def clean(self):
        cleaned = super().clean()
        for error in imports.mapping_errors(self.titles, self.mapping()):
            self.add_error(None, error)
        return cleaned


def _sheet_context(request, token):
    """The stored file, its structure read again through the user's scope (access may have
    changed since the upload), or None."""
    payload = PREVIEWS.load(request, token)
    if payload is None or "rows" not in payload:
        return None
    organisation = get_object_or_404(import_organisations(request.user), pk=payload["organisation"])
    titles = payload["titles"]
    rows = [
        imports.SheetRow(line=line, cells=dict(zip(titles, cells, strict=True)))
        for line, cells in payload["rows"]
    ]
    return {"token": token, "payload": payload, "organisation": organisation, "rows": rows}


@role_required(Role.COORDINATOR, Role.TECHNICIAN)
def device_import(request):
    """Step 1: the structure and the file."""
    form = DeviceImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        sheet = imports.devices_import_read(form.cleaned_data["file"])
        for error in sheet.errors:
            form.add_error("file", error)
        if not sheet.errors:
            token = PREVIEWS.save(
                request,
                {
                    "user": request.user.pk,
                    "organisation": form.cleaned_data["organisation"].pk,
                    "filename": form.cleaned_data["file"].name,
                    "titles": sheet.titles,
                    "rows": [
                        [row.line, [row.cells[title] for title in sheet.titles]]
                        for row in sheet.rows
                    ],
                    "mapping": imports.mapping_guess(sheet.titles),
                    "mapped": False,
                },
            )
            return redirect("equipment:device_import_mapping", token=token)
    return render(
        request,
        "equipment/import/upload.html",
        {"form": form, "columns": imports.COLUMNS, "max_rows": imports.MAX_ROWS},
    )


@role_required(Role.COORDINATOR, Role.TECHNICIAN)
def device_import_mapping(request, token):
    """Step 2: which device field each column gives, guessed from the titles."""
    context = _sheet_context(request, token)
    if context is None:
        messages.error(request, PREVIEW_EXPIRED)
        return redirect("equipment:device_import")
    payload = context["payload"]
    sheet = imports.DeviceSheet(titles=payload["titles"], rows=context["rows"])
    form = MappingForm(
        request.POST or None,
        sheet_titles=sheet.titles,
        samples={title: sheet.samples(title) for title in sheet.titles},
        initial_mapping=payload["mapping"],
    )
    if request.method == "POST" and form.is_valid():
        PREVIEWS.save(request, {**payload, "mapping": form.mapping(), "mapped": True}, token)
        return redirect("equipment:device_import_preview", token=token)
    return render(
        request,
        "equipment/import/mapping.html",
        {**context, "form": form, "filename": payload["filename"], "count": len(sheet.rows)},
    )


def _table(result, columns):
    """The preview table: the mapped columns in the model file's order, each cell with its
    cleaned value (or the text as written when it is wrong)."""
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
    if wrong or value in (None, ""):
        return "" if value is None else value
    if name == "kind":
        return Device.Kind(value).label
    if name in ("memory_gb", "storage_gb"):
        return _("%(size)s Go") % {"size": value}
    if name == "price":
        return _("%(price)s €") % {"price": str(value).replace(".", ",")}
    return value


def _render_preview(request, context, commit_errors=()):
    payload = context["payload"]
    result = imports.devices_import_validate(
        organisation=context["organisation"], rows=context["rows"], mapping=payload["mapping"]
    )
    shown, rows = _table(result, result.columns)
    return render(
        request,
        "equipment/import/preview.html",
        {
            **context,
            "result": result,
            "shown_columns": shown,
            "table_rows": rows,
            "ignored_columns": [t for t, name in payload["mapping"].items() if not name],
            "filename": payload["filename"],
            "commit_errors": commit_errors,
        },
    )


@role_required(Role.COORDINATOR, Role.TECHNICIAN)
def device_import_preview(request, token):
    """Step 3: every row with its cleaned values and its errors; nothing is written."""
    context = _sheet_context(request, token)
    if context is None:
        messages.error(request, PREVIEW_EXPIRED)
        return redirect("equipment:device_import")
    if not context["payload"].get("mapped"):
        return redirect("equipment:device_import_mapping", token=token)
    return _render_preview(request, context)


@require_POST
@role_required(Role.COORDINATOR, Role.TECHNICIAN)
def device_import_confirm(request, token):
    """Step 4: create every device, or none if anything is wrong now."""
    context = _sheet_context(request, token)
    if context is None or not context["payload"].get("mapped"):
        messages.error(request, PREVIEW_EXPIRED)
        return redirect("equipment:device_import")
    # A double click sends the confirmation twice: only the first one imports.
    if not PREVIEWS.lock(request, token):
        return redirect("equipment:device_import_done", token=token)
    try:
        devices = imports.devices_import_commit(
            actor=request.user,
            organisation=context["organisation"],
            rows=context["rows"],
            mapping=context["payload"]["mapping"],
        )
    except ValidationError as error:
        PREVIEWS.unlock(token)
        return _render_preview(request, context, commit_errors=error.messages)
    PREVIEWS.save(
        request,
        {
            "user": request.user.pk,
            "done": len(devices),
            "organisation": context["organisation"].name,
            "first": devices[0].inventory_code,
            "last": devices[-1].inventory_code,
        },
        token,
    )
    return redirect("equipment:device_import_done", token=token)


@role_required(Role.COORDINATOR, Role.TECHNICIAN)
def device_import_done(request, token):
    payload = PREVIEWS.load(request, token)
    if payload is None or "done" not in payload:
        return redirect("equipment:device_import")
    return render(request, "equipment/import/done.html", {"payload": payload})


@role_required(Role.COORDINATOR, Role.TECHNICIAN)
def device_import_template(request):
    """The model file: the titles Tremplin guesses at once, and two example rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Stock")
    sheet.append([column.header for column in imports.COLUMNS])
    for example in TEMPLATE_EXAMPLES:
        sheet.append([example[column.field] for column in imports.COLUMNS])
    for position, column in enumerate(imports.COLUMNS, start=1):
        sheet.cell(row=1, column=position).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(position)].width = max(len(column.header), 14)
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="modele-import-appareils.xlsx"'
    return response


@role_required(Role.COORDINATOR, Role.TECHNICIAN)
def device_export(request):
    """The whole stock the person may see, as an XLSX download."""
    content = imports.devices_export_xlsx(actor=request.user, queryset=Device.objects.all())
    response = HttpResponse(content, content_type=XLSX_TYPE)
    filename = f"stock-{timezone.localdate().isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
