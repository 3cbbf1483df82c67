"""Printable documents of reports: one programme's figures for a period, as a PDF for the
funder (the same figures as the spreadsheet and the CSV, small counts hidden)."""

from django.utils import timezone

from documents.identity import site_branding
from documents.printables import Printable

from .glossary import GLOSSARY

MIN_BAR = 4


def _bars(section):
    """Each row with the width of its bar in percent (None: no bar). Shares use their
    percentage; other numbers are drawn against the largest of the same unit."""
    largest = {}
    for row in section.rows:
        if row.value is not None and row.unit in ("", "h", "€"):
            largest[row.unit] = max(largest.get(row.unit, 0), row.value)
    result = []
    for row in section.rows:
        width = None
        if row.has_percent:
            width = row.percent
        elif row.unit == "%":
            width = row.value
        elif row.value is not None and largest.get(row.unit):
            width = 100 * row.value / largest[row.unit]
        if width is not None:
            width = max(0, min(100, round(width)))
            # xhtml2pdf cannot draw a cell narrower than its padding: keep slivers visible
            # but never thinner than 4 % (and a rest thinner than that joins the bar).
            if 0 < width < MIN_BAR:
                width = MIN_BAR
            if 100 - width < MIN_BAR:
                width = 100
        result.append({"row": row, "width": width, "rest": 100 - width if width else 100})
    return result


class ProgrammeReportPrintable(Printable):
    """The funder's report: each section's figures with bars, month by month, the glossary."""

    template_name = "reports/pdf/programme_report.html"

    def __init__(self, report):
        self.report = report

    def get_context(self):
        report = self.report
        return {
            "report": report,
            "programme": report.programme,
            "period": report.period_text(),
            "sections": [{"section": s, "bars": _bars(s)} for s in report.sections],
            "month_headers": report.month_headers,
            "months": report.months,
            "glossary": GLOSSARY,
            "branding": site_branding(),
            "generated_on": timezone.localdate(),
        }

    def filename(self):
        return self.report.filename("pdf")
