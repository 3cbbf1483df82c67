"""The funders' space: aggregates only, for the programmes the funder pays for.

No page and no export names, lists or contacts anyone: every figure comes from
`reports.figures` through `reports.presentation`, which hides small counts."""

import datetime

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.decorators import role_required
from accounts.models import Organisation, Role
from accounts.spaces import SPACE_TITLES, other_spaces
from cohorts.models import Programme
from reports import exports, presentation
from reports.figures import Scope, figures, monthly
from reports.glossary import GLOSSARY

LONGEST_PERIOD = datetime.timedelta(days=366 * 6)


class PeriodForm(forms.Form):
    du = forms.DateField(label=_("Du"), widget=forms.DateInput(attrs={"type": "date"}))
    au = forms.DateField(label=_("Au"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("du"), data.get("au")
        if starts_on and ends_on:
            if starts_on > ends_on:
                raise forms.ValidationError(_("La période doit commencer avant de finir."))
            if ends_on - starts_on > LONGEST_PERIOD:
                raise forms.ValidationError(_("La période ne peut pas dépasser six ans."))
        return data


def funder_organisations(user):
    """The active funders where the user holds the funder role."""
    return Organisation.objects.filter(
        kind=Organisation.Kind.FUNDER,
        is_active=True,
        memberships__user=user,
        memberships__role=Role.FUNDER,
        memberships__is_active=True,
    ).distinct()


def funded_programmes(user):
    programmes = Programme.objects.select_related("funder", "organisation")
    if user.is_superuser:
        return programmes.order_by("-starts_on", "name")
    return programmes.filter(funder__in=funder_organisations(user)).order_by("-starts_on", "name")


def programme_or_404(user, programme_id):
    programme = funded_programmes(user).filter(pk=programme_id).first()
    if programme is None:
        raise Http404
    return programme


def default_period(programme=None):
    today = timezone.localdate()
    if programme is None:
        return datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)
    ends_on = min(programme.ends_on, today)
    starts_on = min(programme.starts_on, ends_on)
    return starts_on, ends_on


def chosen_period(request, programme=None):
    """The period asked in GET `du` / `au`, else the default (with a message when the dates
    given cannot be read). Returns (form, starts_on, ends_on)."""
    starts_on, ends_on = default_period(programme)
    if "du" in request.GET or "au" in request.GET:
        form = PeriodForm(request.GET)
        if form.is_valid():
            return form, form.cleaned_data["du"], form.cleaned_data["au"]
        messages.warning(
            request, _("Les dates choisies ne sont pas valides : voici la période par défaut.")
        )
    form = PeriodForm(initial={"du": starts_on.isoformat(), "au": ends_on.isoformat()})
    return form, starts_on, ends_on


def period_query(starts_on, ends_on):
    return f"du={starts_on.isoformat()}&au={ends_on.isoformat()}"


@role_required(Role.FUNDER)
def funder_home(request):
    form, starts_on, ends_on = chosen_period(request)
    cards = []
    for programme in funded_programmes(request.user):
        scope = Scope(starts_on=starts_on, ends_on=ends_on, programme=programme)
        cards.append({"programme": programme, "rows": presentation.headline(figures(scope))})
    return render(
        request,
        "funder/funder_home.html",
        {
            "title": SPACE_TITLES[Role.FUNDER],
            "funders": funder_organisations(request.user),
            "form": form,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "period_query": period_query(starts_on, ends_on),
            "cards": cards,
            "other_spaces": other_spaces(request.user, Role.FUNDER),
        },
    )


@role_required(Role.FUNDER)
def programme_report(request, programme_id):
    programme = programme_or_404(request.user, programme_id)
    form, starts_on, ends_on = chosen_period(request, programme)
    scope = Scope(starts_on=starts_on, ends_on=ends_on, programme=programme)
    return render(
        request,
        "funder/programme_report.html",
        {
            "programme": programme,
            "form": form,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "period_query": period_query(starts_on, ends_on),
            "sections": presentation.sections(figures(scope)),
            "month_headers": presentation.month_headers(),
            "months": presentation.months(monthly(scope)),
        },
    )


@role_required(Role.FUNDER)
def glossary(request):
    return render(request, "funder/glossary.html", {"glossary": GLOSSARY})


def _export(request, programme_id, build, content_type, extension):
    programme = programme_or_404(request.user, programme_id)
    _form, starts_on, ends_on = chosen_period(request, programme)
    report = exports.Report.build(programme, starts_on, ends_on)
    response = HttpResponse(build(report), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{report.filename(extension)}"'
    return response


@role_required(Role.FUNDER)
def programme_xlsx(request, programme_id):
    return _export(
        request,
        programme_id,
        exports.xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    )


@role_required(Role.FUNDER)
def programme_csv(request, programme_id):
    return _export(request, programme_id, exports.csv_bytes, "text/csv; charset=utf-8", "csv")


@role_required(Role.FUNDER)
def programme_pdf(request, programme_id):
    return _export(request, programme_id, exports.pdf, "application/pdf", "pdf")
