"""What Tremplin holds about a learner, model by model: how to export it, how to erase it.

A model holds personal data when it points at a learner or at a user account, or has a field
named like personal data (`PERSONAL_WORDS`). Each such model has an entry here — an export
handler and an erase handler — or an exemption with its reason (`EXEMPT_MODELS`,
`EXEMPT_APPS`); tests/privacy/test_registry.py fails on a model with neither, so a new model
holding personal data cannot be forgotten.

Erasure removes what identifies or describes the person — names, contact details, free
text, drawn signatures, the sign-in code and password — and keeps the anonymous facts that
funders' reports count: marks and minutes, enrolments and their status, help visits,
devices handed over, diagnostic levels, gender, birth year, QPV / RSA / job seeker. A report
computed before the erasure gives the same figures after it.

Handlers run in the order they are registered: the cached documents first (they are found
by the learner's name), the learner's file and account last.

The machinery is in `base`, the rule and its exemptions in `rule`, the entries in one
`entries_<app>` module per domain app.
"""

# The entries register themselves when imported, in this order: the order of erasure and
# of the sections of an export. Kept out of the import sorting for that reason.
# isort: off
from . import entries_documents
from . import entries_cohorts
from . import entries_diagnostics
from . import entries_equipment
from . import entries_people

# isort: on
from .base import (
    ERASED_FIRST_NAME,
    REGISTRY,
    Entry,
    Erasure,
    clearer,
    entries,
    erased_last_name,
    exporter,
    register,
    rows,
    value_of,
)
from .entries_people import LEARNER_FIELDS
from .rule import (
    EXEMPT_APPS,
    EXEMPT_MODELS,
    PERSONAL_WORDS,
    STAFF_ONLY,
    personal_reasons,
    unaccounted,
)

__all__ = [
    "ERASED_FIRST_NAME",
    "EXEMPT_APPS",
    "EXEMPT_MODELS",
    "LEARNER_FIELDS",
    "PERSONAL_WORDS",
    "REGISTRY",
    "STAFF_ONLY",
    "Entry",
    "Erasure",
    "clearer",
    "entries",
    "entries_cohorts",
    "entries_diagnostics",
    "entries_documents",
    "entries_equipment",
    "entries_people",
    "erased_last_name",
    "exporter",
    "personal_reasons",
    "register",
    "rows",
    "unaccounted",
    "value_of",
]
