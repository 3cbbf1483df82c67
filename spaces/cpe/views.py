"""The CPE space: the parents' cohorts of the collège, enrolling a family, following the
families (attendance, computer, diploma, drop-outs to call back) and their export."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.decorators import role_required
from accounts.models import Role
from accounts.spaces import other_spaces
from cohorts import families
from cohorts.models import Enrolment
from core.phone import phone_valid
from core.spreadsheets.exports import csv_lines
from equipment import selectors as equipment_selectors


class FamilyForm(forms.Form):
    """What a CPE knows of a family at the collège's desk, nothing more."""

    first_name = forms.CharField(label=gettext_lazy("Prénom du parent"), max_length=100)
    last_name = forms.CharField(label=gettext_lazy("Nom du parent"), max_length=100)
    phone = forms.CharField(
        label=gettext_lazy("Téléphone"),
        max_length=20,
        help_text=gettext_lazy("Pour rappeler la famille, par exemple 06 12 34 56 78."),
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "off"}),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Langue parlée à la maison"),
        choices=families.FAMILY_LANGUAGES,
        initial="fr",
    )
    reads_french = forms.TypedChoiceField(
        label=gettext_lazy("Le parent lit-il le français ?"),
        choices=[("oui", gettext_lazy("Oui")), ("non", gettext_lazy("Non"))],
        coerce=lambda value: value == "oui",
        widget=forms.RadioSelect,
        initial="oui",
    )
    child_class = forms.CharField(
        label=gettext_lazy("Classe de l'enfant"),
        max_length=50,
        widget=forms.TextInput(attrs={"placeholder": gettext_lazy("6e B"), "autocomplete": "off"}),
    )
    reasons = forms.MultipleChoiceField(
        label=gettext_lazy("Pourquoi proposer le parcours ?"),
        choices=families.FAMILY_REASONS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Cochez au moins une raison.")},
    )
    reason_other = forms.CharField(
        label=gettext_lazy("Autre raison (facultatif)"), max_length=200, required=False
    )
    consent = forms.BooleanField(
        label=gettext_lazy("La famille a entendu ce texte et elle est d'accord."),
        error_messages={"required": gettext_lazy(families.FAMILY_CONSENT_MISSING)},
    )
    waiting = forms.BooleanField(
        label=gettext_lazy("Si le groupe est complet, mettre la famille sur liste d'attente"),
        required=False,
        initial=True,
    )

    # Each message names what is missing: they are also listed, alone, at the top.
    REQUIRED = {
        "first_name": gettext_lazy("Indiquez le prénom du parent."),
        "last_name": gettext_lazy("Indiquez le nom du parent."),
        "phone": gettext_lazy(families.FAMILY_PHONE_INVALID),
        "language": gettext_lazy("Choisissez la langue parlée à la maison."),
        "reads_french": gettext_lazy("Dites si le parent lit le français."),
        "child_class": gettext_lazy(families.FAMILY_CLASS_MISSING),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in self.REQUIRED.items():
            self.fields[name].error_messages["required"] = message
        for name in ("first_name", "last_name"):
            self.fields[name].widget.attrs["autocomplete"] = "off"

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if not phone_valid(phone):
            raise ValidationError(_(families.FAMILY_PHONE_INVALID))
        return phone


def _cohort_or_404(request, cohort_id):
    cohort = families.cpe_cohort_get(actor=request.user, cohort_id=cohort_id)
    if cohort is None:
        raise Http404
    return cohort


def _school_year(request):
    """The school year asked in GET `annee`, else the current one (never a later one)."""
    current = families.school_year_of(timezone.localdate())
    asked = request.GET.get("annee", "")
    if asked.isdigit() and 2000 <= int(asked) <= current:
        return int(asked), current
    return current, current


def _families(actor, year):
    """The families of the year, each told whether a device was handed over (equipment sits
    above cohorts, so the page joins the two)."""
    return families.cpe_families(
        actor=actor, school_year=year, handovers=equipment_selectors.enrolment_handovers()
    )


@role_required(Role.CPE)
def cpe_home(request):
    """The parents' cohorts at the collège, the button to enrol a family, and the families:
    drop-outs first, with the number to call. One school year at a time."""
    year, current = _school_year(request)
    rows = _families(request.user, year)
    return render(
        request,
        "cpe/cpe_home.html",
        {
            "school_year": year,
            "school_year_end": year + 1,
            "previous_year": year - 1,
            "next_year": year + 1 if year < current else None,
            "cohorts": families.cpe_cohorts(actor=request.user, school_year=year),
            "dropped": [f for f in rows if f.dropped],
            "enrolled": [f for f in rows if not f.dropped and not f.waiting],
            "waiting": [f for f in rows if f.waiting],
            "other_spaces": other_spaces(request.user, Role.CPE),
        },
    )


@role_required(Role.CPE)
def family_enrol(request, cohort_id):
    """Enrol a family that did not activate Pronote, or put it on the waiting list."""
    cohort = _cohort_or_404(request, cohort_id)
    form = FamilyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = families.family_enrol(
                actor=request.user,
                cohort_id=cohort.pk,
                first_name=data["first_name"],
                last_name=data["last_name"],
                phone=data["phone"],
                language=data["language"],
                reads_french=data["reads_french"],
                child_class=data["child_class"],
                reason=families.reasons_join(data["reasons"], data["reason_other"]),
                consent=data["consent"],
                waiting=data["waiting"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            names = {"name": result.learner, "cohort": cohort.name}
            if isinstance(result, Enrolment):
                messages.success(
                    request, _("%(name)s est inscrit(e) dans le groupe « %(cohort)s ».") % names
                )
            else:
                messages.success(
                    request,
                    _("Le groupe « %(cohort)s » est complet : %(name)s est sur sa liste d'attente.")
                    % names,
                )
            return redirect("cohorts:cpe_home")
    return render(
        request,
        "cpe/cpe_family_enrol.html",
        {
            "cohort": cohort,
            "form": form,
            "consent_text": families.family_consent_text(cohort),
            "places_left": max(
                cohort.capacity
                - cohort.enrolments.exclude(status=Enrolment.Status.DROPPED).count(),
                0,
            ),
        },
        status=400 if form.errors else 200,
    )


def _family_table(rows):
    """Header and cells, built in the request's language (the stream runs later)."""
    yes, no = _("oui"), _("non")
    header = [
        _("Nom"),
        _("Prénom"),
        _("Téléphone"),
        _("Classe de l'enfant"),
        _("Langue"),
        _("Lit le français"),
        _("Groupe"),
        _("État"),
        _("Raison de l'abandon"),
        _("Séances suivies"),
        _("Séances tenues"),
        _("Ordinateur remis"),
        _("Diplôme"),
        _("Motif de l'inscription"),
        _("Inscrit le"),
    ]
    lines = [
        [
            family.last_name,
            family.first_name,
            family.phone,
            family.child_class,
            str(family.language_label),
            yes if family.reads_french else no,
            family.cohort,
            str(family.status_label),
            family.drop_reason,
            "" if family.waiting else family.meetings_attended,
            family.meetings_held,
            yes if family.device_handed_over else no,
            yes if family.diploma else no,
            family.reason,
            timezone.localtime(family.enrolled_at).strftime("%d/%m/%Y"),
        ]
        for family in rows
    ]
    return header, lines


@role_required(Role.CPE)
def families_export(request):
    """The families as a spreadsheet (CSV, semicolons, for Excel in French): only what the
    CPE sees on the page."""
    year, _current = _school_year(request)
    header, lines = _family_table(_families(request.user, year))
    response = StreamingHttpResponse(
        csv_lines(header, lines), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="familles-{year}-{year + 1}.csv"'
    return response
