"""Referrals: the prescriber's space (refer a person, follow one's referrals) and the queue in
which the receiving association's coordinators accept or decline them."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import Role
from accounts.spaces import other_spaces
from cohorts import referrals
from cohorts.models import Referral

YES_NO = [("oui", gettext_lazy("Oui")), ("non", gettext_lazy("Non"))]
# More associations than this and the choice becomes a drop-down list.
RADIO_LIMIT = 6
# Decided referrals stay below the queue for a while, newest first.
DECIDED_SHOWN = 50


class ReferralForm(forms.Form):
    """What a social worker knows at their desk, and the person's agreement."""

    prescriber_organisation = forms.TypedChoiceField(
        label=gettext_lazy("Vous orientez au nom de"), coerce=int
    )
    organisation = forms.TypedChoiceField(
        label=gettext_lazy("Vers quelle association ?"),
        coerce=int,
        error_messages={"required": gettext_lazy("Choisissez l'association.")},
    )
    first_name = forms.CharField(
        label=gettext_lazy("Prénom"),
        max_length=100,
        error_messages={"required": gettext_lazy("Indiquez le prénom de la personne.")},
    )
    last_name = forms.CharField(
        label=gettext_lazy("Nom"),
        max_length=100,
        error_messages={"required": gettext_lazy("Indiquez le nom de la personne.")},
    )
    phone = forms.CharField(
        label=gettext_lazy("Téléphone (facultatif)"),
        max_length=20,
        required=False,
        help_text=gettext_lazy(
            "Pour que l'association puisse la joindre, par exemple 06 12 34 56 78."
        ),
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=gettext_lazy("E-mail (facultatif)"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Langue parlée"), choices=referrals.REFERRAL_LANGUAGES, initial="fr"
    )
    reads_french = forms.TypedChoiceField(
        label=gettext_lazy("La personne lit-elle le français ?"),
        choices=YES_NO,
        coerce=lambda value: value == "oui",
        widget=forms.RadioSelect,
        initial="oui",
    )
    need = forms.ChoiceField(
        label=gettext_lazy("De quoi a-t-elle besoin ?"),
        choices=Referral.Need.choices,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy(referrals.REFERRAL_NEED_INVALID)},
    )
    receives_rsa = forms.BooleanField(label=gettext_lazy("Elle reçoit le RSA"), required=False)
    lives_in_qpv = forms.BooleanField(
        label=gettext_lazy("Elle habite un quartier prioritaire (QPV)"), required=False
    )
    is_job_seeker = forms.BooleanField(
        label=gettext_lazy("Elle est demandeuse d'emploi"), required=False
    )
    note = forms.CharField(
        label=gettext_lazy("Une note pour l'association (facultatif)"),
        required=False,
        max_length=referrals.NOTE_MAX_LENGTH,
        help_text=gettext_lazy(
            "Quelques mots utiles : la démarche à faire, la langue, une contrainte d'horaire."
        ),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": referrals.NOTE_MAX_LENGTH}),
    )
    consent = forms.BooleanField(
        label=gettext_lazy(
            "La personne est d'accord pour que ses coordonnées soient transmises à l'association."
        ),
        error_messages={"required": gettext_lazy(referrals.REFERRAL_CONSENT_MISSING)},
    )

    def __init__(self, *args, services, associations, **kwargs):
        super().__init__(*args, **kwargs)
        self.services = {service.pk: service for service in services}
        self.associations = {association.pk: association for association in associations}
        service_field = self.fields["prescriber_organisation"]
        service_field.choices = [(pk, str(s)) for pk, s in self.services.items()]
        if len(self.services) == 1:
            service_field.initial = next(iter(self.services))
            service_field.widget = forms.HiddenInput()
        association_field = self.fields["organisation"]
        association_field.choices = [(pk, str(a)) for pk, a in self.associations.items()]
        if len(self.associations) == 1:
            association_field.initial = next(iter(self.associations))
        if len(self.associations) <= RADIO_LIMIT:
            association_field.widget = forms.RadioSelect(choices=association_field.choices)
        else:
            association_field.choices = [("", _("Choisir…")), *association_field.choices]
        for name in ("first_name", "last_name"):
            self.fields[name].widget.attrs["autocomplete"] = "off"


class AcceptForm(forms.Form):
    diagnostic_date = forms.DateField(
        label=gettext_lazy("Jour du rendez-vous de diagnostic"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": gettext_lazy(referrals.REFERRAL_DIAGNOSTIC_MISSING)},
    )
    diagnostic_time = forms.TimeField(
        label=gettext_lazy("Heure"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": gettext_lazy(referrals.REFERRAL_DIAGNOSTIC_MISSING)},
    )
    diagnostic_place = forms.CharField(
        label=gettext_lazy("Lieu"),
        max_length=200,
        error_messages={"required": gettext_lazy(referrals.REFERRAL_PLACE_MISSING)},
    )
    learner = forms.TypedChoiceField(
        label=gettext_lazy("Fiche de l'apprenant"),
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["learner"].choices = [
            ("", _("Créer une nouvelle fiche")),
            *(
                (
                    learner.pk,
                    _("Déjà suivie : %(name)s %(phone)s")
                    % {"name": learner, "phone": learner.phone},
                )
                for learner in candidates
            ),
        ]
        if not candidates:
            self.fields["learner"].widget = forms.HiddenInput()

    def diagnostic_at(self):
        return timezone.make_aware(
            datetime.datetime.combine(
                self.cleaned_data["diagnostic_date"], self.cleaned_data["diagnostic_time"]
            )
        )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Raison du refus"),
        max_length=referrals.DECLINE_REASON_MAX_LENGTH,
        help_text=gettext_lazy(
            "La personne qui a orienté la lira : par exemple « Pas de place avant "
            "septembre, orientez vers l'Espace numérique de la Bastide »."
        ),
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": referrals.DECLINE_REASON_MAX_LENGTH}),
        error_messages={"required": gettext_lazy(referrals.REFERRAL_REASON_MISSING)},
    )


def _add_errors(form, exc):
    """Put a service's refusal on the form field it names, or above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        for message in exc.messages:
            form.add_error(None, message)


# The prescriber's space ----------------------------------------------------------------------


@role_required(Role.PRESCRIBER)
def prescriber_home(request):
    """The prescriber's own referrals, newest first, with what to tell the person."""
    return render(
        request,
        "prescriber/prescriber_home.html",
        {
            "referrals": referrals.prescriber_referrals(actor=request.user),
            "services": referrals.prescriber_organisations(actor=request.user),
            "other_spaces": other_spaces(request.user, Role.PRESCRIBER),
        },
    )


@role_required(Role.PRESCRIBER)
def referral_new(request):
    """Refer a person: the form keeps what was typed when something is missing."""
    services = list(referrals.prescriber_organisations(actor=request.user))
    associations = {}
    for service in services:
        for association in referrals.referral_associations(prescriber_organisation=service):
            associations[association.pk] = association
    form = ReferralForm(
        request.POST or None,
        services=services,
        associations=sorted(associations.values(), key=lambda a: a.name),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral = referrals.referral_send(
                actor=request.user,
                organisation=form.associations[data["organisation"]],
                prescriber_organisation=form.services[data["prescriber_organisation"]],
                first_name=data["first_name"],
                last_name=data["last_name"],
                phone=data["phone"],
                email=data["email"],
                language=data["language"],
                reads_french=data["reads_french"],
                need=data["need"],
                receives_rsa=data["receives_rsa"],
                lives_in_qpv=data["lives_in_qpv"],
                is_job_seeker=data["is_job_seeker"],
                note=data["note"],
                consent=data["consent"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "L'orientation de %(name)s est envoyée à %(association)s. Vous verrez ici "
                    "sa réponse et le rendez-vous à transmettre à la personne."
                )
                % {
                    "name": f"{referral.first_name} {referral.last_name}",
                    "association": referral.organisation,
                },
            )
            return redirect("cohorts:prescriber_referral", referral.pk)
    return render(
        request,
        "prescriber/referral_form.html",
        {"form": form, "has_associations": bool(associations)},
    )


@role_required(Role.PRESCRIBER)
def prescriber_referral(request, referral_id):
    """One referral the prescriber sent; 404 for anyone else's, a colleague's included."""
    referral = get_object_or_404(referrals.prescriber_referrals(actor=request.user), pk=referral_id)
    return render(
        request,
        "prescriber/prescriber_referral.html",
        {"referral": referral, "language": referrals.language_label(referral.language)},
    )


# The coordinators' queue -----------------------------------------------------------------


def _queue_row(referral, accept_form=None, decline_form=None):
    if referral.status != Referral.Status.SENT:
        return {"referral": referral, "language": referrals.language_label(referral.language)}
    candidates = referrals.learner_candidates(referral)
    auto_id = f"r{referral.pk}-%s"
    if accept_form is None:
        default_at = timezone.localtime(referrals.diagnostic_default_at())
        accept_form = AcceptForm(
            auto_id=auto_id,
            candidates=candidates,
            initial={
                "diagnostic_date": default_at.date(),
                "diagnostic_time": default_at.time(),
                "diagnostic_place": referrals.diagnostic_default_place(referral.organisation),
            },
        )
    return {
        "referral": referral,
        "language": referrals.language_label(referral.language),
        "accept_form": accept_form,
        "decline_form": decline_form or DeclineForm(auto_id=auto_id),
    }


def _render_queue(request, *, bound=None, status=200):
    """The queue; `bound` is the (referral id, accept form, decline form) that failed."""
    bound_id, accept_form, decline_form = bound or (None, None, None)
    received = referrals.coordinator_referrals(actor=request.user)
    pending = [
        _queue_row(referral, accept_form, decline_form)
        if referral.pk == bound_id
        else _queue_row(referral)
        for referral in received.filter(status=Referral.Status.SENT).order_by("created_at")
    ]
    decided = [
        _queue_row(referral)
        for referral in received.exclude(status=Referral.Status.SENT).order_by(
            "-decided_at", "-created_at"
        )[:DECIDED_SHOWN]
    ]
    return render(
        request,
        "coordinator/referral_queue.html",
        {"pending": pending, "decided": decided},
        status=status,
    )


def _queue_referral(request, referral_id):
    return get_object_or_404(referrals.coordinator_referrals(actor=request.user), pk=referral_id)


@role_required(Role.COORDINATOR)
def referral_queue(request):
    """Referrals received: pending first (oldest first, as they came), then decided ones."""
    return _render_queue(request)


def _already_decided(request, referral):
    """A double submit, or a colleague decided first: say so, change nothing."""
    if referral.status == Referral.Status.ACCEPTED:
        messages.error(request, _(referrals.REFERRAL_ALREADY_ACCEPTED))
    else:
        messages.error(request, _(referrals.REFERRAL_ALREADY_DECLINED))
    return redirect("cohorts:referral_queue")


@role_required(Role.COORDINATOR)
@require_POST
def referral_accept(request, referral_id):
    referral = _queue_referral(request, referral_id)
    if referral.status != Referral.Status.SENT:
        return _already_decided(request, referral)
    form = AcceptForm(
        request.POST,
        auto_id=f"r{referral.pk}-%s",
        candidates=referrals.learner_candidates(referral),
    )
    if form.is_valid():
        try:
            referral = referrals.referral_accept(
                actor=request.user,
                referral_id=referral.pk,
                diagnostic_at=form.diagnostic_at(),
                diagnostic_place=form.cleaned_data["diagnostic_place"],
                learner_id=form.cleaned_data["learner"],
            )
        except ValidationError as exc:
            if Referral.objects.filter(pk=referral.pk, status=Referral.Status.SENT).exists():
                _add_errors(form, exc)
                return _render_queue(request, bound=(referral.pk, form, None), status=400)
            return _already_decided(request, Referral.objects.get(pk=referral.pk))
        messages.success(
            request,
            _(
                "%(name)s est inscrit(e) comme apprenant(e), rendez-vous de diagnostic le "
                "%(date)s. Le prescripteur le voit et peut prévenir la personne."
            )
            % {
                "name": referral.learner,
                "date": date_format(timezone.localtime(referral.diagnostic_at), "l j F à H:i"),
            },
        )
        return redirect("cohorts:referral_queue")
    return _render_queue(request, bound=(referral.pk, form, None), status=400)


@role_required(Role.COORDINATOR)
@require_POST
def referral_decline(request, referral_id):
    referral = _queue_referral(request, referral_id)
    form = DeclineForm(request.POST, auto_id=f"r{referral.pk}-%s")
    if referral.status != Referral.Status.SENT:
        return _already_decided(request, referral)
    if form.is_valid():
        try:
            referral = referrals.referral_decline(
                actor=request.user, referral_id=referral.pk, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            if Referral.objects.filter(pk=referral.pk, status=Referral.Status.SENT).exists():
                _add_errors(form, exc)
                return _render_queue(request, bound=(referral.pk, None, form), status=400)
            return _already_decided(request, Referral.objects.get(pk=referral.pk))
        messages.success(
            request,
            _("L'orientation de %(name)s est refusée ; le prescripteur voit la raison.")
            % {"name": f"{referral.first_name} {referral.last_name}"},
        )
        return redirect("cohorts:referral_queue")
    return _render_queue(request, bound=(referral.pk, None, form), status=400)
