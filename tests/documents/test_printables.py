"""Every printable of the apps subclasses `documents.printables.Printable`, and every PDF
template of the tree extends the one base; the base class renders in the document's language
and Paris time and serves the PDF with its file name."""

import importlib
import importlib.util
import inspect
import io
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.template import Context, engines
from django.template.loader_tags import ExtendsNode
from django.utils import timezone, translation
from pypdf import PdfReader

from documents.printables import BASE_TEMPLATE, Printable

ROOT = Path(settings.BASE_DIR)


def project_apps():
    """The app configs whose code lives in this repository (not Django's, not Wagtail's)."""
    return [config for config in apps.get_app_configs() if Path(config.path).is_relative_to(ROOT)]


def printables_modules():
    modules = []
    for config in project_apps():
        name = f"{config.name}.printables"
        if importlib.util.find_spec(name) is not None:
            modules.append(importlib.import_module(name))
    return modules


def subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from subclasses(subclass)


def ancestors(template_name):
    """The templates `template_name` extends, nearest first."""
    engine = engines["django"].engine
    template = engine.get_template(template_name)
    while True:
        extends = template.nodelist.get_nodes_by_type(ExtendsNode)
        if not extends:
            return
        parent = extends[0].parent_name.resolve(Context())
        yield parent
        template = engine.get_template(parent)


def test_every_printable_of_the_apps_subclasses_printable():
    modules = printables_modules()
    named = {
        f"{module.__name__}.{name}"
        for module in modules
        for name, value in inspect.getmembers(module, inspect.isclass)
        if name.endswith("Printable")
        and value.__module__ == module.__name__
        and value is not Printable
    }
    found = {
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in subclasses(Printable)
        if cls.__module__.endswith(".printables") and not cls.__module__.startswith("tests.")
    }
    assert named == found
    # One per document Tremplin prints, so that a printable going missing shows here too.
    assert found >= {
        "cohorts.printables.AttendanceSheetPrintable",
        "cohorts.printables.DiplomaPrintable",
        "courses.printables.HandoutPrintable",
        "equipment.printables.DonorErasureReportPrintable",
        "equipment.printables.HandoverPrintable",
        "equipment.printables.LabelSheetPrintable",
        "privacy.printables.LearnerFilePrintable",
        "reports.printables.ProgrammeReportPrintable",
    }


def test_every_printable_template_extends_the_base():
    printables_modules()
    checked = 0
    for cls in subclasses(Printable):
        if cls.__module__.startswith("tests."):
            continue
        for template_name in cls.template_names():
            assert BASE_TEMPLATE in ancestors(template_name), (cls, template_name)
            checked += 1
    assert checked >= 10


def test_no_pdf_template_in_the_tree_fails_to_extend_the_base():
    base = ROOT / "documents" / "templates" / BASE_TEMPLATE
    templates = [path for path in ROOT.glob("*/templates/**/pdf/*.html") if path != base]
    assert len(templates) >= 12
    for path in templates:
        app = path.relative_to(ROOT).parts[0]
        name = path.relative_to(ROOT / app / "templates").as_posix()
        assert BASE_TEMPLATE in ancestors(name), name


class SeenPrintable(Printable):
    """The language and time zone that the context and the template are evaluated in."""

    template_name = BASE_TEMPLATE

    def get_context(self):
        self.seen = (translation.get_language(), timezone.get_current_timezone_name())
        return {"branding": {"name": "Tremplin", "contact": ""}}

    def filename(self):
        return "essai.pdf"


def test_a_printable_renders_in_the_current_language_and_paris_time():
    printable = SeenPrintable()
    with translation.override("en"), timezone.override("UTC"):
        pdf = printable.render()
    assert pdf.startswith(b"%PDF-")
    assert printable.seen == ("en", settings.TIME_ZONE)


def test_a_printable_with_a_language_renders_in_it():
    printable = SeenPrintable()
    printable.language = "ar"
    with translation.override("fr"):
        printable.render()
    assert printable.seen == ("ar", settings.TIME_ZONE)


@pytest.mark.parametrize(("inline", "disposition"), [(True, "inline"), (False, "attachment")])
def test_a_printable_response_is_the_pdf_with_its_file_name(inline, disposition):
    response = SeenPrintable().response(inline=inline)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'{disposition}; filename="essai.pdf"'
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 1
