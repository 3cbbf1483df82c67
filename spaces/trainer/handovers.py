"""The hand-over at the last meeting: who may receive a device and why not, the form per
learner (device, formula, who pays), the learner's signature on screen, the document that
goes home with the device and the set-up visit at home; and the loans coming to an end."""

import datetime
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import Role
from accounts.scoping import organisation_ids_for
from cohorts import selectors as cohort_selectors
from cohorts import services as cohort_services
from cohorts.models import HelpVisit, Meeting, Programme
from cohorts.selectors import cohort_completions
from core.numbers import CENT, parse_decimal
from equipment import selectors, services
from equipment.models import Device, Handover
from equipment.printables import HandoverPrintable, handover_for_document
from equipment.services import handover_sign
from spaces.workshop.forms import EurosField

STAFF = (Role.TRAINER, Role.COORDINATOR)
FUNDING_ROWS = 3
EUROS = EurosField()

DEVICE_NEEDED = gettext_noop("Choisissez dans la liste l'appareil à remettre.")
FORMULA_NEEDED = gettext_noop("Choisissez la formule : don, prêt ou vente.")
LOAN_END_UNREADABLE = gettext_noop("La date de fin du prêt n'est pas une date valide.")
PROGRAMME_NEEDED = gettext_noop("Choisissez le dispositif de chaque part payée par un financeur.")
PERCENT_NEEDS_PRICE = gettext_noop(
    "Indiquez le prix de vente pour calculer une part en pourcentage."
)
VISIT_DATE_INVALID = gettext_noop("Indiquez la date de la visite.")
VISIT_DURATION_INVALID = gettext_noop("Indiquez la durée de la visite en minutes.")


def _meeting_for_handover(user, meeting_id):
    """The last meeting of a cohort whose track hands a device over; 404 otherwise, and
    whether the meeting is missing or another structure's."""
    meeting = cohort_selectors.meeting_get(actor=user, meeting_id=meeting_id)
    if not meeting.cohort.track.device_handover or not cohort_services.meeting_is_last(meeting):
        raise Http404
    return meeting


def _last_meeting_url(cohort, anchor=""):
    last = (
        cohort.meetings.exclude(status=Meeting.Status.CANCELLED)
        .order_by("-number")
        .values_list("pk", flat=True)
        .first()
    )
    if last is None:
        return reverse("cohorts:cohort", args=[cohort.pk])
    return reverse("equipment:handover_meeting", args=[last]) + (f"#{anchor}" if anchor else "")


def _available_devices(user, cohort):
    """The structure's devices that can go to one of this cohort's learners: ready, or
    reserved for someone of the cohort."""
    return (
        Device.objects.visible_to(user)
        .filter(organisation_id=cohort.organisation_id)
        .filter(
            Q(status=Device.Status.READY)
            | Q(status=Device.Status.RESERVED, reserved_for__cohort_id=cohort.pk)
        )
        .order_by("inventory_code")
    )


def _devices_for(devices, enrolment):
    return [
        device
        for device in devices
        if device.status == Device.Status.READY or device.reserved_for_id == enrolment.pk
    ]


@dataclass
class HandoverRow:
    enrolment: object
    learner: object
    handovers: list
    current: object | None
    reason: str | None
    devices: list = field(default_factory=list)
    data: dict = field(default_factory=dict)
    funding: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def _form_data(enrolment, devices, posted):
    if posted is not None:
        data = {key: posted.get(key, "") for key in posted}
        data["at_home"] = posted.get("at_home") == "on"
    else:
        reserved = next((d for d in devices if d.reserved_for_id == enrolment.pk), None)
        data = {
            "device": str(reserved.pk) if reserved else "",
            "formula": Handover.Formula.DONATION,
            "loan_ends_on": services.months_later(
                timezone.localdate(), services.LOAN_DEFAULT_MONTHS
            ).isoformat(),
            "at_home": False,
        }
    funding = [
        {
            "index": index,
            "programme": data.get(f"programme_{index}", ""),
            "amount": data.get(f"amount_{index}", ""),
        }
        for index in range(1, FUNDING_ROWS + 1)
    ]
    return data, funding


def _page_context(request, meeting, *, posted_for=None, posted=None, errors=()):
    cohort = meeting.cohort
    completions = {c.learner_id: c for c in cohort_completions(cohort=cohort)}
    held = services.devices_held(cohort=cohort)
    by_enrolment = {}
    for handover in (
        Handover.objects.visible_to(request.user)
        .filter(enrolment__cohort=cohort)
        .select_related("device")
    ):
        by_enrolment.setdefault(handover.enrolment_id, []).append(handover)
    devices = list(_available_devices(request.user, cohort))
    rows = []
    enrolments = cohort.enrolments.select_related("learner", "cohort__track").order_by(
        "learner__last_name", "learner__first_name"
    )
    for enrolment in enrolments:
        handovers = by_enrolment.get(enrolment.pk, [])
        current = next((h for h in handovers if h.status != Handover.Status.RETURNED), None)
        reason = None
        if current is None:
            reason = services.handover_eligibility(
                enrolment=enrolment, completions=completions, held=held
            )
        mine = posted_for == enrolment.pk
        choices = _devices_for(devices, enrolment)
        data, funding = _form_data(enrolment, choices, posted if mine else None)
        rows.append(
            HandoverRow(
                enrolment=enrolment,
                learner=enrolment.learner,
                handovers=handovers,
                current=current,
                reason=reason,
                devices=choices,
                data=data,
                funding=funding,
                errors=list(errors) if mine else [],
            )
        )
    return {
        "meeting": meeting,
        "cohort": cohort,
        "rows": rows,
        "programmes": list(
            Programme.objects.filter(organisation_id=cohort.organisation_id).select_related(
                "funder"
            )
        ),
        "formulas": Handover.Formula,
        "has_devices": bool(devices),
    }


def _share(value, price):
    """A share as typed: an amount in euros (left to EurosField to read) or a percentage
    of the price, '20 %' → 20 % of the price."""
    value = (value or "").strip()
    if not value.endswith("%"):
        return value
    percent = parse_decimal(value.removesuffix("%"))
    if percent is None:
        return value  # EurosField says it is not an amount
    if price is None:
        raise ValidationError(_(PERCENT_NEEDS_PRICE))
    return str((price * percent / 100).quantize(CENT))


def _hand_over(request, meeting, enrolment):
    """Read the learner's form and call the service once."""
    post = request.POST
    devices = {
        str(device.pk): device
        for device in _devices_for(_available_devices(request.user, meeting.cohort), enrolment)
    }
    device = devices.get(post.get("device", ""))
    if device is None:
        raise ValidationError(_(DEVICE_NEEDED))
    formula = post.get("formula", "")
    if formula not in Handover.Formula.values:
        raise ValidationError(_(FORMULA_NEEDED))
    options = {}
    if formula == Handover.Formula.LOAN:
        ends = post.get("loan_ends_on", "").strip()
        try:
            options["loan_ends_on"] = datetime.date.fromisoformat(ends) if ends else None
        except ValueError as error:
            raise ValidationError(_(LOAN_END_UNREADABLE)) from error
        options["buyout_price"] = EUROS.clean(post.get("buyout_price", "").strip())
    elif formula == Handover.Formula.SALE:
        typed_price = post.get("price", "").strip()
        price = parse_decimal(typed_price) if typed_price else device.price
        programmes = {
            str(programme.pk): programme
            for programme in Programme.objects.filter(
                organisation_id=meeting.cohort.organisation_id
            )
        }
        funding = []
        for index in range(1, FUNDING_ROWS + 1):
            chosen = post.get(f"programme_{index}", "")
            amount = post.get(f"amount_{index}", "").strip()
            if not chosen and not amount:
                continue
            if chosen not in programmes:
                raise ValidationError(_(PROGRAMME_NEEDED))
            funding.append((programmes[chosen], _share(amount or "0", price)))
        options.update(
            price=EUROS.clean(typed_price),
            learner_share=EUROS.clean(_share(post.get("learner_share", ""), price)),
            funding=[(programme, EUROS.clean(amount)) for programme, amount in funding],
        )
    return services.device_hand_over(
        actor=request.user,
        device_id=device.pk,
        enrolment_id=enrolment.pk,
        formula=formula,
        at_home=post.get("at_home") == "on",
        **options,
    )


@role_required(*STAFF)
def handover_meeting(request, meeting_id):
    """One row per learner: what they received, why they may not, or the form to hand a
    device over. After the hand-over, the learner signs the document on screen."""
    meeting = _meeting_for_handover(request.user, meeting_id)
    if request.method == "POST":
        chosen = request.POST.get("enrolment", "")
        enrolment = get_object_or_404(
            meeting.cohort.enrolments.select_related("learner"),
            pk=int(chosen) if chosen.isdigit() else 0,
        )
        try:
            handover = _hand_over(request, meeting, enrolment)
        except ValidationError as exc:
            context = _page_context(
                request, meeting, posted_for=enrolment.pk, posted=request.POST, errors=exc.messages
            )
            return render(request, "trainer/handover.html", context, status=400)
        messages.success(
            request,
            _("%(code)s est remis à %(name)s. Faites signer le document.")
            % {"code": handover.device.inventory_code, "name": enrolment.learner},
        )
        return redirect("equipment:handover_sign", handover.pk)
    return render(request, "trainer/handover.html", _page_context(request, meeting))


@role_required(*STAFF)
def handover_sign_view(request, handover_id):
    """The learner signs the hand-over document with a finger on the trainer's screen."""
    handover = selectors.handover_get(actor=request.user, handover_id=handover_id)
    error = ""
    if request.method == "POST":
        try:
            handover_sign(
                actor=request.user,
                handover_id=handover.pk,
                data_url=request.POST.get("signature", ""),
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("Document signé par %(name)s.") % {"name": handover.enrolment.learner},
            )
            return redirect(
                _last_meeting_url(handover.enrolment.cohort, f"apprenant-{handover.enrolment_id}")
            )
    return render(
        request,
        "trainer/handover_sign.html",
        {
            "handover": handover,
            "learner": handover.enrolment.learner,
            "back_url": _last_meeting_url(
                handover.enrolment.cohort, f"apprenant-{handover.enrolment_id}"
            ),
            "error": error,
        },
        status=400 if error else 200,
    )


@role_required(*STAFF)
def handover_document(request, handover_id):
    """The donation certificate, loan agreement or sale receipt, signed or to sign."""
    handover = handover_for_document(Handover.objects.visible_to(request.user), handover_id)
    if handover is None:
        raise Http404
    printable = HandoverPrintable(handover=handover)
    response = HttpResponse(printable.render(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{printable.filename()}"'
    return response


@role_required(*STAFF)
def handover_home_setup(request, handover_id):
    """A device handed over at home: log the set-up visit, counted as individual help
    ("prendre en main du matériel", at home) in the activity reports."""
    handover = selectors.handover_get(actor=request.user, handover_id=handover_id)
    if not handover.at_home:
        raise Http404
    enrolment = handover.enrolment
    cohort = enrolment.cohort
    errors = []
    data = {"date": timezone.localdate().isoformat(), "duration_minutes": "60", "notes": ""}
    if request.method == "POST":
        data = {key: request.POST.get(key, "").strip() for key in data}
        try:
            try:
                day = datetime.date.fromisoformat(data["date"])
            except ValueError as error:
                raise ValidationError(_(VISIT_DATE_INVALID)) from error
            if not data["duration_minutes"].isdigit():
                raise ValidationError(_(VISIT_DURATION_INVALID))
            cohort_services.help_visit_log(
                actor=request.user,
                organisation=cohort.organisation,
                date=day,
                duration_minutes=int(data["duration_minutes"]),
                theme=HelpVisit.Theme.DEVICE,
                learner=enrolment.learner,
                cohort=cohort,
                place=HelpVisit.Place.HOME,
                notes=f"{handover.device.inventory_code} — {data['notes']}".strip(" —"),
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("La visite d'installation est notée. Merci !"))
            return redirect("equipment:handover_home_setup", handover.pk)
    visits = HelpVisit.objects.visible_to(request.user).filter(
        learner=enrolment.learner, cohort=cohort, place=HelpVisit.Place.HOME
    )
    return render(
        request,
        "trainer/handover_home.html",
        {
            "handover": handover,
            "learner": enrolment.learner,
            "back_url": _last_meeting_url(cohort, f"apprenant-{enrolment.pk}"),
            "visits": visits.order_by("-date", "-pk"),
            "data": data,
            "errors": errors,
        },
        status=400 if errors else 200,
    )


def _coordinated(user):
    return organisation_ids_for(user, [Role.COORDINATOR])


@role_required(Role.COORDINATOR)
def loans(request):
    """Loans that end within two weeks or are overdue: bought, or given back."""
    today = timezone.localdate()
    return render(
        request,
        "trainer/loans.html",
        {
            "loans": services.loans_ending(
                organisation_ids=_coordinated(request.user), today=today
            ),
            "today": today,
        },
    )


@role_required(Role.COORDINATOR)
@require_POST
def loan_finish(request, handover_id):
    handover = selectors.handover_get(actor=request.user, handover_id=handover_id)
    coordinated = _coordinated(request.user).filter(organisation_id=handover.device.organisation_id)
    if handover.formula != Handover.Formula.LOAN or not coordinated.exists():
        raise Http404
    outcome = request.POST.get("outcome")
    if outcome not in ("bought", "returned"):
        raise Http404
    try:
        services.loan_end(actor=request.user, handover_id=handover.pk, bought=outcome == "bought")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        learner, code = handover.enrolment.learner, handover.device.inventory_code
        if outcome == "bought":
            text = _("%(name)s a acheté %(code)s : l'appareil lui appartient.")
        else:
            text = _("%(code)s est rendu par %(name)s : il repart à l'effacement des données.")
        messages.success(request, text % {"name": learner, "code": code})
    return redirect("equipment:loans")
