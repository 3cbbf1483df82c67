"""One programme's figures for a period, to download: spreadsheet, CSV, PDF (the PDF's
layout is reports.printables).

Everything comes through `reports.presentation`, so small counts stay hidden ("< 5") in the
files too, and no file names or lists anyone."""

import io
from dataclasses import dataclass

from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from core.numbers import decimal_comma
from core.spreadsheets.exports import CSV_BOM, cell_safe, csv_cell, csv_writer

from . import presentation
from .figures import Scope, figures, monthly
from .glossary import GLOSSARY
from .printables import ProgrammeReportPrintable


@dataclass
class Report:
    programme: object
    starts_on: object
    ends_on: object
    sections: list
    month_headers: list
    months: list

    @classmethod
    def build(cls, programme, starts_on, ends_on):
        scope = Scope(starts_on=starts_on, ends_on=ends_on, programme=programme)
        return cls(
            programme=programme,
            starts_on=starts_on,
            ends_on=ends_on,
            sections=presentation.sections(figures(scope)),
            month_headers=presentation.month_headers(),
            months=presentation.months(monthly(scope)),
        )

    def filename(self, extension):
        name = slugify(self.programme.name) or "dispositif"
        return f"bilan-{name}-{self.starts_on:%Y%m%d}-{self.ends_on:%Y%m%d}.{extension}"

    def period_text(self):
        return _("Du %(start)s au %(end)s") % {
            "start": self.starts_on.strftime("%d/%m/%Y"),
            "end": self.ends_on.strftime("%d/%m/%Y"),
        }


def _cell(value, text):
    """A number when there is one, else the text shown instead ("< 5", "—")."""
    return value if value is not None else text


# Spreadsheet -------------------------------------------------------------------------------


def _sheet_title(title, used):
    name = "".join(char for char in str(title) if char not in "[]:*?/\\")[:31]
    base, number = name, 2
    while name in used:
        suffix = f" {number}"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    used.add(name)
    return name


def xlsx(report):
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    used = set()
    for section in report.sections:
        sheet = workbook.create_sheet(_sheet_title(section.title, used))
        sheet.append([cell_safe(str(report.programme.name)), report.period_text()])
        sheet.append([])
        sheet.append([_("Indicateur"), _("Valeur"), _("Unité"), _("Part (%)")])
        for cell in sheet[3]:
            cell.font = bold
        if not section.rows:
            sheet.append([_("Pas de données pour cette partie.")])
        for row in section.rows:
            share = _cell(row.percent, row.percent_display) if row.has_percent else None
            cells = [row.label, _cell(row.value, row.display), row.unit, share]
            # Figures stay numbers; labels may carry names typed by people (funders).
            sheet.append([cell_safe(cell) for cell in cells])
        sheet.column_dimensions["A"].width = 60
    sheet = workbook.create_sheet(_sheet_title(_("Mois par mois"), used))
    sheet.append([_("Mois"), *report.month_headers])
    for cell in sheet[1]:
        cell.font = bold
    for month, cells in report.months:
        sheet.append([month.strftime("%m/%Y"), *[_cell(c.value, c.display) for c in cells]])
    sheet = workbook.create_sheet(_sheet_title(_("Glossaire"), used))
    sheet.append([_("Indicateur"), _("Définition")])
    for cell in sheet[1]:
        cell.font = bold
    for entry in GLOSSARY:
        sheet.append([str(entry["label"]), str(entry["definition"])])
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 100
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


# CSV ---------------------------------------------------------------------------------------


def csv_bytes(report):
    """section;indicateur;valeur, UTF-8 with a BOM and `;` so that French Excel opens it."""
    output = io.StringIO()
    writer = csv_writer(output)
    writer.writerow([_("section"), _("indicateur"), _("valeur")])
    for section in report.sections:
        for row in section.rows:
            value = decimal_comma(row.value) if row.value is not None else row.display
            name = f"{row.label} ({row.unit})" if row.unit else row.label
            writer.writerow([csv_cell(section.title), csv_cell(name), value])
            if row.has_percent:
                share = (
                    decimal_comma(row.percent) if row.percent is not None else row.percent_display
                )
                writer.writerow([csv_cell(section.title), csv_cell(f"{row.label} (%)"), share])
    for month, cells in report.months:
        title = f"{_('Mois par mois')} {month.strftime('%m/%Y')}"
        for cell in cells:
            value = decimal_comma(cell.value) if cell.value is not None else cell.display
            name = f"{cell.label} ({cell.unit})" if cell.unit else cell.label
            writer.writerow([csv_cell(title), csv_cell(name), value])
    return (CSV_BOM + output.getvalue()).encode("utf-8")


# PDF ---------------------------------------------------------------------------------------


def pdf(report):
    return ProgrammeReportPrintable(report).render()
