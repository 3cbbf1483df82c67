"""The steps every spreadsheet import shows: upload, preview every row, confirm, done.

An import subclasses `SpreadsheetImport` to say what differs (its form, how it reads the
file, how it reads the stored rows back through the person's scope, how it validates and
commits, what the done page says) and keeps its own view functions, decorated with its
access rule, each calling one step. The rows read from the file wait between the steps in
the session (`PreviewStore`), signed and bound to the person, so the commit checks again
exactly what the person saw, and no file is kept on disk.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .reading import MAX_ROWS

PREVIEW_EXPIRED = gettext_lazy(
    "Cet aperçu n'est plus disponible (plus de deux heures ont passé, ou il a déjà été "
    "importé). Déposez le fichier à nouveau."
)


def preview_table(result, columns, display):
    """The preview table: the file's known columns in the model file's order, each cell
    with its cleaned value shown by `display(field, value)`, or the text as written when
    it is wrong."""
    shown = [column for column in columns if column.field in result.columns]
    rows = []
    for row in result.rows:
        cells = []
        for column in shown:
            wrong = column.field in row.error_fields
            if wrong:
                value = row.raw.get(column.field, "")
            else:
                value = display(column.field, row.cleaned.get(column.field))
            cells.append({"value": value, "wrong": wrong})
        rows.append({"row": row, "cells": cells})
    return shown, rows


def display_value(value):
    """A cleaned value as the preview shows it: oui/non for booleans, nothing for None."""
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    return "" if value is None else value


class SpreadsheetImport:
    """One import's steps. URL names are full ("cohorts:learner_import"); the preview,
    confirm, done and mapping URLs take the preview's `token`."""

    previews = None  # a PreviewStore
    columns = ()  # the core.spreadsheets.imports.Column of the model file
    upload_url = preview_url = confirm_url = done_url = ""
    # Imports that ask what each column gives: the step between upload and preview.
    mapping_url = None
    upload_template = preview_template = done_template = ""

    # --- What an import says ---------------------------------------------------------------

    def get_form(self, request):
        """The upload form, bound to the request's data when it has some."""
        raise NotImplementedError

    def read(self, form):
        """(errors, payload): the file's problems, or what to store for the next steps."""
        raise NotImplementedError

    def get_context(self, request, token, payload):
        """The stored import read back through the person's scope (access may have changed
        since the upload): a dict for the templates and `validate`/`commit`."""
        raise NotImplementedError

    def validate(self, context):
        """The ImportResult of the stored rows; writes nothing."""
        raise NotImplementedError

    def commit(self, request, context):
        """Create everything or nothing (raising ValidationError); returns what was made."""
        raise NotImplementedError

    def done_payload(self, context, created):
        """What the done page says, kept under the token once the import is made."""
        return {}

    def display(self, name, value):
        """A cleaned value of field `name` as the preview table shows it."""
        return display_value(value)

    def retry_url(self, context):
        """Where to upload the file again, from the preview."""
        return reverse(self.upload_url)

    def preview_extra_context(self, context):
        return {}

    def done_context(self, payload):
        return {"payload": payload, "count": payload["done"]}

    # --- The steps ---------------------------------------------------------------------------

    def upload(self, request):
        """Step 1: the form and the file; a readable file is stored and the next step shown."""
        form = self.get_form(request)
        if request.method == "POST" and form.is_valid():
            errors, payload = self.read(form)
            for error in errors:
                form.add_error("file", error)
            if not errors:
                token = self.previews.save(request, {"user": request.user.pk, **payload})
                return redirect(self.mapping_url or self.preview_url, token=token)
        context = {"form": form, "columns": self.columns, "max_rows": MAX_ROWS}
        return render(request, self.upload_template, context)

    def stored(self, request, token):
        """The stored import ready for its preview, or None when it is missing, expired,
        someone else's or already imported."""
        payload = self.previews.load(request, token)
        if payload is None or "rows" not in payload:
            return None
        return self.get_context(request, token, payload)

    def is_mapped(self, context):
        return self.mapping_url is None or bool(context["payload"].get("mapped"))

    def expired(self, request):
        messages.error(request, PREVIEW_EXPIRED)
        return redirect(self.upload_url)

    def preview(self, request, token):
        """Every row with its cleaned values and its errors; nothing is written."""
        context = self.stored(request, token)
        if context is None:
            return self.expired(request)
        if not self.is_mapped(context):
            return redirect(self.mapping_url, token=token)
        return self.render_preview(request, context)

    def render_preview(self, request, context, commit_errors=()):
        result = self.validate(context)
        shown, rows = preview_table(result, self.columns, self.display)
        return render(
            request,
            self.preview_template,
            {
                **context,
                "result": result,
                "shown_columns": shown,
                "table_rows": rows,
                "commit_errors": commit_errors,
                "retry_url": self.retry_url(context),
                "confirm_url": reverse(self.confirm_url, args=[context["token"]]),
                **self.preview_extra_context(context),
            },
        )

    def confirm(self, request, token):
        """Create everything, or nothing if anything is wrong now. The view requires POST."""
        context = self.stored(request, token)
        if context is None or not self.is_mapped(context):
            return self.expired(request)
        # A double click sends the confirmation twice: only the first one imports.
        if not self.previews.lock(request, token):
            return redirect(self.done_url, token=token)
        try:
            created = self.commit(request, context)
        except ValidationError as error:
            self.previews.unlock(token)
            return self.render_preview(request, context, commit_errors=error.messages)
        payload = {"user": request.user.pk, "done": len(created)}
        self.previews.save(request, {**payload, **self.done_payload(context, created)}, token)
        return redirect(self.done_url, token=token)

    def done(self, request, token):
        """What was imported; back to the upload when the token holds no finished import."""
        payload = self.previews.load(request, token)
        if payload is None or "done" not in payload:
            return redirect(self.upload_url)
        return render(request, self.done_template, self.done_context(payload))
