"""The registry's machinery: an entry per model (how its rows about a learner are exported
and erased), `register()`, and the helpers that write export and erase handlers.

The entries themselves are in the `entries_<app>` modules next to this one; the package
imports them in the order of erasure.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models, transaction

# What an erased learner's file shows instead of their names.
ERASED_FIRST_NAME = "Anonyme"


def erased_last_name(learner):
    return f"n° {learner.pk}"


class Erasure:
    """What one erasure collects on its way: stored files to delete once it is committed (a
    rolled-back erasure must leave the files in place)."""

    def __init__(self):
        self.files = []

    def forget_file(self, field_file):
        if field_file:
            self.files.append((field_file.storage, field_file.name))

    def delete_files_on_commit(self):
        def delete():
            for storage, name in self.files:
                storage.delete(name)

        transaction.on_commit(delete)


@dataclass(frozen=True)
class Entry:
    """How one model's rows about a learner are exported and erased.

    `export(learner)` returns the rows as dicts keyed by field name; `erase(learner,
    erasure)` removes the personal data and returns how many rows it changed (0 for a model
    whose rows are kept as they are: say why in `kept`)."""

    model: type[models.Model]
    export: Callable
    erase: Callable
    kept: str = ""
    fields: tuple[str, ...] = ()

    @property
    def label(self):
        return self.model._meta.label

    @property
    def title(self):
        return self.model._meta.verbose_name_plural


REGISTRY: dict[str, Entry] = {}


def register(model, *, export, erase=None, kept=""):
    """Add `model` to the registry; `erase=None` with a `kept` reason keeps its rows."""
    if erase is None:
        if not kept:
            raise ValueError(f"{model._meta.label}: an erase handler, or why the rows are kept")

        def erase(learner, erasure):
            return 0

    REGISTRY[model._meta.label] = Entry(
        model=model,
        export=export,
        erase=erase,
        kept=kept,
        fields=tuple(getattr(export, "fields", ())),
    )


def entries():
    return list(REGISTRY.values())


# Exporting ---------------------------------------------------------------------------------


def value_of(obj, name):
    """A field's value as a person reads it: the label of a choice, the name of a linked
    object, the name of a stored file."""
    field = obj._meta.get_field(name)
    if field.choices:
        return str(getattr(obj, f"get_{name}_display")())
    value = getattr(obj, name)
    if field.is_relation:
        return str(value) if value is not None else None
    if isinstance(field, models.FileField):
        return value.name or ""
    return value


def rows(queryset, fields):
    return [{name: value_of(obj, name) for name in fields} for obj in queryset]


def exporter(query, fields):
    """An export handler: `query(learner)` gives the rows, `fields` the columns."""

    def export(learner):
        return rows(query(learner), fields)

    export.fields = fields
    return export


def clearer(query, **blank):
    """An erase handler that overwrites the fields of `blank` on the rows of `query`."""

    def erase(learner, erasure):
        return query(learner).update(**blank)

    return erase
