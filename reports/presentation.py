"""Funder figures made fit to show: ordered sections of labelled rows, small counts hidden.

A count of people or devices from 1 to 4 is shown as "< 5" and its raw number is dropped; a
percentage whose count or whose base is from 1 to 4 is shown as "—", so that nobody can work
the count back from it. Hours and euros are not counts and are shown as they are; zero stays
zero. Whatever is shown to a funder (pages, exports) goes through this module.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from cohorts.models import HelpVisit, Referral, SatisfactionAnswer
from courses.models import Competence
from equipment.models import Device, Handover

from .glossary import AGE_BANDS, GENDERS, glossary_entry

SUPPRESSED = "< 5"
HIDDEN = "—"
THRESHOLD = 5


@dataclass(frozen=True)
class Row:
    """One line of a section. `value` is the number to export (None when suppressed);
    `percent` a share in percent, when the row has one (None when hidden or unknown)."""

    label: str
    display: str
    value: float | int | None
    unit: str = ""
    percent_display: str = ""
    percent: float | None = None
    has_percent: bool = False


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    rows: list


def is_small(count):
    return count is not None and 0 < count < THRESHOLD


def number(value, decimals=0):
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def _decimals(value):
    return 0 if float(value).is_integer() else (1 if round(float(value), 1) == value else 2)


def count_row(label, count, base=None, percent=None):
    """A count of people or devices; with `base`, its share of the base too."""
    count = count or 0
    if is_small(count):
        display, value = SUPPRESSED, None
    else:
        display, value = number(count), count
    if base is None:
        return Row(str(label), display, value)
    if percent is None and base:
        percent = round(100 * count / base, 1)
    percent_display, shown = percent_text(percent, count, base)
    return Row(str(label), display, value, "", percent_display, shown, True)


def percent_text(percent, count, base):
    """The text and the value of a percentage, hidden when its count or base is small."""
    if percent is None or is_small(count) or is_small(base):
        return HIDDEN, None
    return f"{number(percent, _decimals(percent))} %", percent


def percent_row(label, percent, count, base):
    display, value = percent_text(percent, count, base)
    return Row(str(label), display, value, "%")


def hours_row(label, hours):
    hours = hours or 0
    return Row(str(label), f"{number(hours, _decimals(hours))} h", hours, "h")


def euros_row(label, amount):
    amount = Decimal(amount or 0)
    return Row(str(label), f"{number(amount, 2)} €", float(amount), "€")


def plain_row(label, value, unit=""):
    """A number that counts neither people nor devices (places planned, points)."""
    value = value or 0
    text = number(value, _decimals(value))
    return Row(str(label), f"{text} {unit}".strip(), value, unit)


def label(key):
    return glossary_entry(key)["label"]


# The sections ------------------------------------------------------------------------------


def _people(data):
    return Section(
        "people",
        _("Personnes accompagnées"),
        [
            count_row(label("people_helped"), data["people_helped"]),
            count_row(label("new_people"), data["new_people"]),
        ],
    )


def _tracks(data):
    completed, ended = data["tracks_completed"], data["enrolments_in_ended_tracks"]
    taken, places = data["places_taken"], data["places"]
    return Section(
        "tracks",
        _("Parcours"),
        [
            count_row(label("enrolments"), data["enrolments"]),
            count_row(label("enrolments_in_ended_tracks"), ended),
            count_row(label("tracks_completed"), completed),
            percent_row(label("completion_rate"), data["completion_rate"], completed, ended),
            plain_row(label("places"), places),
            count_row(label("places_taken"), taken),
            percent_row(label("fill_rate"), data["fill_rate"], taken, places),
            plain_row(label("target_places"), data["target_places"]),
        ],
    )


def _hours(data):
    places = dict(HelpVisit.Place.choices)
    rows = [
        hours_row(label("group_hours"), data["group_hours"]),
        hours_row(label("learner_hours"), data["learner_hours"]),
        hours_row(label("individual_help_hours"), data["individual_help_hours"]),
    ]
    for place, hours in data["individual_help_hours_by_place"].items():
        rows.append(hours_row(f"{label('individual_help_hours')} : {places[place]}", hours))
    rows.append(plain_row(label("target_hours"), data["target_hours"], "h"))
    return Section("hours", _("Heures"), rows)


def _devices(data):
    formulas, kinds = dict(Handover.Formula.choices), dict(Device.Kind.choices)
    total = data["devices_distributed"]
    rows = [count_row(label("devices_distributed"), total)]
    for formula, count in data["devices_by_formula"].items():
        rows.append(count_row(formulas[formula], count, base=total))
    for kind, count in data["devices_by_kind"].items():
        rows.append(count_row(kinds[kind], count, base=total))
    rows.append(euros_row(label("devices_value"), data["devices_value"]))
    rows.append(euros_row(label("devices_paid_by_learners"), data["devices_paid_by_learners"]))
    for funder, amount in data["funder_shares"].items():
        rows.append(euros_row(f"{label('funder_shares')} : {funder}", amount))
    return Section("devices", _("Appareils"), rows)


def _public(data):
    whole = data["people_helped"]
    rows = [
        count_row(label(key), data[key]["count"], whole, data[key]["percent"])
        for key in ("qpv", "rsa", "job_seekers")
    ]
    for key, band in AGE_BANDS:
        share = data["age_bands"][key]
        rows.append(count_row(band, share["count"], whole, share["percent"]))
    for key, gender in GENDERS:
        share = data["genders"][key]
        rows.append(count_row(gender, share["count"], whole, share["percent"]))
    return Section("public", _("Public"), rows)


def _satisfaction(data):
    survey = data["satisfaction"]
    questions = dict(SatisfactionAnswer.QUESTIONS)
    whole = survey["respondents"]
    rows = [count_row(_("Réponses"), whole)]
    answers = [("yes", _("oui")), ("a_little", _("un peu")), ("no", _("non"))]
    for field, counts in survey["questions"].items():
        for answer, answer_label in answers:
            rows.append(count_row(f"{questions[field]} {answer_label}", counts[answer], whole))
    return Section("satisfaction", label("satisfaction"), rows)


def _diagnostics(data):
    domains = dict(Competence.Domain.choices)
    whole, moved = data["diagnostic_people"], data["diagnostic_moved_up"]
    rows = [
        count_row(label("diagnostic_people"), whole),
        count_row(label("diagnostic_moved_up"), moved, whole),
    ]
    for domain, gain in data["diagnostic_mean_gain_by_domain"].items():
        name = f"{label('diagnostic_mean_gain_by_domain')} : {domains[domain]}"
        if is_small(whole):  # a mean over one to four people tells about each of them
            rows.append(Row(name, HIDDEN, None, "pts"))
        else:
            rows.append(plain_row(name, gain, "pts"))
    return Section("diagnostics", _("Progrès aux diagnostics"), rows)


def _referrals(data):
    kinds = dict(Organisation.Kind.choices)
    statuses = dict(Referral.Status.choices)
    rows = []
    for kind, counts in data["referrals_by_prescriber_kind"].items():
        name = kinds.get(kind, kind)
        rows.append(count_row(f"{name} : {_('orientations')}", counts["total"]))
        for status in Referral.Status.values:
            rows.append(count_row(f"{name} : {statuses[status].lower()}", counts[status]))
        rows.append(count_row(f"{name} : {_('accompagnées')}", counts["helped"]))
    return Section("referrals", label("referrals_by_prescriber_kind"), rows)


BUILDERS = [
    _people,
    _tracks,
    _hours,
    _devices,
    _public,
    _satisfaction,
    _diagnostics,
    _referrals,
]


def sections(data):
    """`reports.figures.figures(scope)` as ordered sections, small counts suppressed."""
    return [build(data) for build in BUILDERS]


def headline(data):
    """The few figures of a programme's card on the funder's home page."""
    return [
        count_row(label("people_helped"), data["people_helped"]),
        hours_row(label("learner_hours"), data["learner_hours"]),
        count_row(label("tracks_completed"), data["tracks_completed"]),
        count_row(label("devices_distributed"), data["devices_distributed"]),
    ]


MONTH_COLUMNS = [
    ("people_helped", "count"),
    ("learner_hours", "hours"),
    ("group_hours", "hours"),
    ("individual_help_hours", "hours"),
    ("devices_distributed", "count"),
]


def month_headers():
    return [str(label(key)) for key, _kind in MONTH_COLUMNS]


def months(rows):
    """`reports.figures.monthly(scope)`: one (month, [Row…]) per month, counts suppressed."""
    result = []
    for row in rows:
        cells = []
        for key, kind in MONTH_COLUMNS:
            make = count_row if kind == "count" else hours_row
            cells.append(make(label(key), row[key]))
        result.append((row["month"], cells))
    return result
