"""Import of devices from the structure's stock spreadsheet: upload, map the columns,
preview every row, then commit; and the export of the stock to XLSX.

The upload, preview, confirm and done steps are the shared ones of
`core.spreadsheets.views`; this module adds the mapping step (which device field each
column gives), reads the stored rows back through the person's scope, and serves the model
file and the export.
"""

from django import forms
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from accounts.decorators import role_required
from accounts.models import Organisation, Role
from accounts.scoping import organisation_ids_for
from core.numbers import decimal_comma
from core.spreadsheets.exports import XLSX_CONTENT_TYPE, workbook_bytes
from core.spreadsheets.imports import Sheet, SheetRow
from core.spreadsheets.previews import PreviewStore
from core.spreadsheets.views import SpreadsheetImport, display_value
from equipment import exports, imports
from equipment.import_columns import COLUMNS
from equipment.models import Device

PREVIEWS = PreviewStore(session_key="equipment_device_imports", salt="equipment.device_import")

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
            (column.field, column.label) for column in COLUMNS
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


class DeviceImport(SpreadsheetImport):
    previews = PREVIEWS
    columns = COLUMNS
    upload_url = "equipment:device_import"
    mapping_url = "equipment:device_import_mapping"
    preview_url = "equipment:device_import_preview"
    confirm_url = "equipment:device_import_confirm"
    done_url = "equipment:device_import_done"
    upload_template = "workshop/import/upload.html"
    preview_template = "workshop/import/preview.html"
    done_template = "workshop/import/done.html"

    def get_form(self, request):
        return DeviceImportForm(request.POST or None, request.FILES or None, user=request.user)

    def read(self, form):
        sheet = imports.devices_import_read(form.cleaned_data["file"])
        return sheet.errors, {
            "organisation": form.cleaned_data["organisation"].pk,
            "filename": form.cleaned_data["file"].name,
            "titles": sheet.titles,
            "rows": [
                [row.line, [row.cells[title] for title in sheet.titles]] for row in sheet.rows
            ],
            "mapping": imports.mapping_guess(sheet.titles),
            "mapped": False,
        }

    def get_context(self, request, token, payload):
        organisation = get_object_or_404(
            import_organisations(request.user), pk=payload["organisation"]
        )
        titles = payload["titles"]
        rows = [
            SheetRow(line=line, cells=dict(zip(titles, cells, strict=True)))
            for line, cells in payload["rows"]
        ]
        return {"token": token, "payload": payload, "organisation": organisation, "rows": rows}

    def validate(self, context):
        return imports.devices_import_validate(
            organisation=context["organisation"],
            rows=context["rows"],
            mapping=context["payload"]["mapping"],
        )

    def commit(self, request, context):
        return imports.devices_import_commit(
            actor=request.user,
            organisation=context["organisation"],
            rows=context["rows"],
            mapping=context["payload"]["mapping"],
        )

    def display(self, name, value):
        if value in (None, ""):
            return display_value(value)
        if name == "kind":
            return Device.Kind(value).label
        if name in ("memory_gb", "storage_gb"):
            return _("%(size)s Go") % {"size": value}
        if name == "price":
            return _("%(price)s €") % {"price": decimal_comma(value)}
        return value

    def preview_extra_context(self, context):
        payload = context["payload"]
        return {
            "ignored_columns": [title for title, name in payload["mapping"].items() if not name],
            "filename": payload["filename"],
        }

    def done_payload(self, context, created):
        return {
            "organisation": context["organisation"].name,
            "first": created[0].inventory_code,
            "last": created[-1].inventory_code,
        }


STEPS = DeviceImport()


@role_required(Role.COORDINATOR, Role.TECHNICIAN)
def device_import(request):
    """Step 1: the structure and the file."""
    return STEPS.upload(request)


@role_required(Role.COORDINATOR, Role.TECHNICIAN)
def device_import_mapping(request, token):
    """Step 2: which device field each column gives, guessed from the titles."""
    context = STEPS.stored(request, token)
    if context is None:
        return STEPS.expired(request)
    payload = context["payload"]
    sheet = Sheet(titles=payload["titles"], rows=context["rows"])
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
        "workshop/import/mapping.html",
        {**context, "form": form, "filename": payload["filename"], "count": len(sheet.rows)},
    )


@role_required(Role.COORDINATOR, Role.TECHNICIAN)
def device_import_preview(request, token):
    """Step 3: every row with its cleaned values and its errors; nothing is written."""
    return STEPS.preview(request, token)


@require_POST
@role_required(Role.COORDINATOR, Role.TECHNICIAN)
def device_import_confirm(request, token):
    """Step 4: create every device, or none if anything is wrong now."""
    return STEPS.confirm(request, token)


@role_required(Role.COORDINATOR, Role.TECHNICIAN)
def device_import_done(request, token):
    return STEPS.done(request, token)


@role_required(Role.COORDINATOR, Role.TECHNICIAN)
def device_import_template(request):
    """The model file: the titles Tremplin guesses at once, and two example rows."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Stock")
    sheet.append([column.header for column in COLUMNS])
    for example in TEMPLATE_EXAMPLES:
        sheet.append([example[column.field] for column in COLUMNS])
    for position, column in enumerate(COLUMNS, start=1):
        sheet.cell(row=1, column=position).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(position)].width = max(len(column.header), 14)
    sheet.freeze_panes = "A2"
    response = HttpResponse(workbook_bytes(workbook), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="modele-import-appareils.xlsx"'
    return response


@role_required(Role.COORDINATOR, Role.TECHNICIAN)
def device_export(request):
    """The whole stock the person may see, as an XLSX download."""
    content = exports.devices_export_xlsx(actor=request.user, queryset=Device.objects.all())
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    filename = f"stock-{timezone.localdate().isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
