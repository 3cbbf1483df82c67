"""The learner's file as a readable PDF: the same sections as the JSON export, each row as
label : value."""

import datetime
import json
from decimal import Decimal

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from documents.identity import site_branding
from documents.printables import Printable


def display(value):
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal | float):
        return formats.number_format(value, use_l10n=True)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def label(model, name):
    try:
        return capfirst(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


class LearnerFilePrintable(Printable):
    template_name = "privacy/pdf/learner_file.html"

    def __init__(self, *, learner, data, site=None):
        self.learner = learner
        self.data = data
        self.site = site

    def get_context(self):
        sections = []
        for section in self.data["sections"]:
            if not section["rows"]:
                continue
            model = apps.get_model(section["model"])
            sections.append(
                {
                    "title": capfirst(section["title"]),
                    "kept": section["kept_when_erased"],
                    "rows": [
                        [(label(model, name), display(value)) for name, value in row.items()]
                        for row in section["rows"]
                    ],
                }
            )
        return {
            "learner": self.learner,
            "organisation": self.data["organisation"],
            "generated_at": self.data["generated_at"],
            "sections": sections,
            "branding": site_branding(self.site),
        }

    def filename(self):
        return f"dossier-apprenant-{self.learner.pk}.pdf"
