"""`Printable`: the contract every printed document of Tremplin follows (pretix's exporters):
a template extending `documents/pdf/base.html`, its context, its file name, rendered by the
one renderer in one language and in Paris time, and served as a PDF response."""

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone, translation

from .renderer import render_pdf

BASE_TEMPLATE = "documents/pdf/base.html"


class Printable:
    """Subclasses set `template_name` and write `get_context()` and `filename()`."""

    template_name = None
    # None: the language active when the document is rendered (the request's, or the
    # site's default in a worker).
    language = None

    @classmethod
    def template_names(cls):
        """Every template this printable may render (tests check that each extends the
        base); a printable choosing its template per object overrides it."""
        return [cls.template_name]

    def get_context(self):
        return {}

    def filename(self):
        raise NotImplementedError

    def render(self) -> bytes:
        """The PDF, context and template evaluated in the document's language and Paris
        time, so that dates and words printed do not depend on who or what asks."""
        language = self.language or translation.get_language() or settings.LANGUAGE_CODE
        with translation.override(language), timezone.override(settings.TIME_ZONE):
            return render_pdf(self.template_name, self.get_context(), language=language)

    def response(self, *, inline=True):
        """The PDF as a download: shown in the browser (`inline`) or saved (`attachment`)."""
        response = HttpResponse(self.render(), content_type="application/pdf")
        disposition = "inline" if inline else "attachment"
        response["Content-Disposition"] = f'{disposition}; filename="{self.filename()}"'
        return response
