"""Fast inserts for the data generator: rows as tuples, ids drawn here, COPY on PostgreSQL.

Django's bulk_create builds one model instance per row; at 3 million attendance rows that
is most of the time. A `Table` takes plain values instead, numbers the rows itself (so that
other tables can point at them before anything is written), and writes them in batches:
`COPY … FROM STDIN` on PostgreSQL, `executemany` elsewhere. `finish()` moves the sequences
past the ids used, so that the application keeps numbering from there.
"""

import json

from django.core.management.color import no_style
from django.db import connection, models

BATCH = 20_000


class Table:
    def __init__(self, model, *, numbered=True):
        self.model = model
        self.numbered = numbered
        self.fields = [field for field in model._meta.concrete_fields if not field.primary_key]
        if numbered:
            self.fields.insert(0, model._meta.pk)
        self.names = [field.attname for field in self.fields]
        self.known = frozenset(self.names)
        self.defaults = {
            field.attname: None if field.primary_key else field.get_default()
            for field in self.fields
        }
        self.adapters = [self._adapter(field) for field in self.fields]
        self.rows = []
        self.count = 0
        self.next_id = 1
        if numbered:
            latest = model._base_manager.order_by("-pk").values_list("pk", flat=True).first()
            self.next_id = (latest or 0) + 1

    @staticmethod
    def _adapter(field):
        ops = connection.ops
        if isinstance(field, models.JSONField):
            return lambda value: None if value is None else json.dumps(value, ensure_ascii=False)
        if isinstance(field, models.DateTimeField):
            return ops.adapt_datetimefield_value
        if isinstance(field, models.DateField):
            return ops.adapt_datefield_value
        if isinstance(field, models.TimeField):
            return ops.adapt_timefield_value
        if isinstance(field, models.DecimalField):
            return lambda value: None if value is None else str(value)
        return None

    def add(self, **values):
        """Queue one row; return its id. Missing columns take the field's default."""
        if self.numbered:
            values["id"] = self.next_id
            self.next_id += 1
        unknown = values.keys() - self.known
        if unknown:
            raise TypeError(f"{self.model.__name__}: unknown columns {sorted(unknown)}")
        row = []
        for name, adapter in zip(self.names, self.adapters, strict=True):
            value = values[name] if name in values else self.defaults[name]
            if adapter is not None and value is not None:
                value = adapter(value)
            row.append(value)
        self.rows.append(row)
        if len(self.rows) >= BATCH:
            self.flush()
        return values.get("id")

    def flush(self):
        if not self.rows:
            return
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(field.column) for field in self.fields)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in self.rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.fields))
                sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
                cursor.executemany(sql, self.rows)
        self.count += len(self.rows)
        self.rows = []


def finish(tables):
    """Write what is queued, then set each sequence after the highest id."""
    for table in tables:
        table.flush()
    statements = connection.ops.sequence_reset_sql(no_style(), [t.model for t in tables])
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
