"""The coordinator's dashboard: their own structure's figures and programmes, and its
activity in the shape of the national activity reports.

The coordinator sees their own structure's data, so nothing is hidden here (small counts
are hidden only from funders); only the structures where the user coordinates are shown."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from accounts.decorators import role_required
from accounts.models import Organisation, Role
from accounts.scoping import organisation_ids_for
from cohorts.models import Programme
from reports import activities
from reports.figures import Scope, figures, hours, places
from reports.glossary import glossary_entry
from reports.presentation import hours_row, label, number, plain_row
from spaces.funder.views import chosen_period, period_query

# The figures shown at the top, in order, with how to show them.
MAIN_FIGURES = [
    ("people_helped", "count"),
    ("new_people", "count"),
    ("enrolments", "count"),
    ("tracks_completed", "count"),
    ("completion_rate", "percent"),
    ("places", "count"),
    ("places_taken", "count"),
    ("fill_rate", "percent"),
    ("group_hours", "hours"),
    ("learner_hours", "hours"),
    ("individual_help_hours", "hours"),
    ("devices_distributed", "count"),
]
GLOSSARY_KEYS = [
    *[key for key, _kind in MAIN_FIGURES],
    "target_places",
    "target_hours",
]


def coordinated_organisations(user):
    """The active structures where the user coordinates (none for a superuser who does
    not: the dashboard is a structure's, not the platform's)."""
    return Organisation.objects.filter(
        pk__in=organisation_ids_for(user, [Role.COORDINATOR])
    ).order_by("name")


def _row(key, kind, value):
    if kind == "hours":
        return hours_row(label(key), value)
    if kind == "percent":
        text = "—" if value is None else f"{number(value, 0 if float(value).is_integer() else 1)} %"
        return {"label": label(key), "display": text}
    return plain_row(label(key), value)


def _progress(done, target):
    """Done against target: the percentage (None without a target) and the bar's width,
    capped at 100."""
    if not target:
        return {"done": done, "target": target, "percent": None, "width": 0}
    percent = round(100 * done / target, 1)
    return {"done": done, "target": target, "percent": percent, "width": min(100, round(percent))}


def programme_progress(programme, starts_on, ends_on):
    """How far a programme is along its targets over the period: places taken in its cohorts
    that met, against places planned; group hours held, against hours planned."""
    scope = Scope(starts_on=starts_on, ends_on=ends_on, programme=programme)
    taken = places(scope)["places_taken"]
    done = hours(scope)
    progress = {
        "places": _progress(taken, programme.target_places),
        "hours": _progress(done["group_hours"], programme.target_hours),
    }
    return {
        "programme": programme,
        **progress,
        "bars": [progress["places"], progress["hours"]],
        "learner_hours": done["learner_hours"],
    }


def organisation_dashboard(organisation, starts_on, ends_on):
    data = figures(Scope(starts_on=starts_on, ends_on=ends_on, organisation=organisation))
    programmes = Programme.objects.filter(
        organisation=organisation, starts_on__lte=ends_on, ends_on__gte=starts_on
    ).order_by("-starts_on", "name")
    return {
        "organisation": organisation,
        "figures": data,
        "rows": [_row(key, kind, data[key]) for key, kind in MAIN_FIGURES],
        "programmes": [programme_progress(p, starts_on, ends_on) for p in programmes],
    }


@role_required(Role.COORDINATOR)
def coordinator_dashboard(request):
    form, starts_on, ends_on = chosen_period(request)
    return render(
        request,
        "coordinator/dashboard.html",
        {
            "title": _("Bilan de la structure"),
            "form": form,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "period_query": period_query(starts_on, ends_on),
            "dashboards": [
                organisation_dashboard(organisation, starts_on, ends_on)
                for organisation in coordinated_organisations(request.user)
            ],
            "glossary": [glossary_entry(key) for key in GLOSSARY_KEYS],
        },
    )


def _activities(request, build, content_type, extension):
    _form, starts_on, ends_on = chosen_period(request)
    organisations = coordinated_organisations(request.user)
    response = HttpResponse(build(organisations, starts_on, ends_on), content_type=content_type)
    filename = f"activites-{starts_on:%Y%m%d}-{ends_on:%Y%m%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@role_required(Role.COORDINATOR)
def activities_xlsx(request):
    return _activities(
        request,
        activities.xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    )


@role_required(Role.COORDINATOR)
def activities_csv(request):
    return _activities(request, activities.csv_bytes, "text/csv; charset=utf-8", "csv")
