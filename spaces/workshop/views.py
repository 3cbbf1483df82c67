"""The workshop technicians' space: the stock at a glance, one device's page with its next
steps and its erasure, labels to print, and the donors with their erasure reports.

Every page reads through `selectors`, which keep the structures where the user works in the
workshop; a device, donor or erasure of another structure answers 404, as a missing one.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import Role
from accounts.spaces import other_spaces
from cohorts.models import Enrolment
from equipment import selectors, services
from equipment.models import Device, DeviceEvent, Donor, Handover
from equipment.printables import DonorErasureReportPrintable, LabelSheetPrintable

from .forms import DeviceFilterForm, DeviceRegisterForm, ErasureForm

WORKSHOP = (Role.TECHNICIAN, Role.COORDINATOR)
S = Device.Status
DEVICES_PER_PAGE = 48  # two sheets of labels
MAX_LABELS = 240
UNKNOWN_CODE = gettext_noop("Aucun appareil de votre atelier ne porte le code « %(code)s ».")


def _optional_url(name):
    """A URL another part of the workshop may not provide yet."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def pdf_response(printable, *, inline=True):
    response = HttpResponse(printable.render(), content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{printable.filename()}"'
    return response


@role_required(*WORKSHOP)
def technician_home(request):
    """The workshop at a glance: open a device by its code, the stock, the queue at each
    step, what was handed over, loans ending soon."""
    code = request.GET.get("code", "").strip()
    code_error = ""
    if code:
        device = services.device_for_code(actor=request.user, code=code)
        if (
            device is not None
            and selectors.workshop_devices(actor=request.user).filter(pk=device.pk).exists()
        ):
            return redirect("equipment:device", device.inventory_code)
        code_error = _(UNKNOWN_CODE) % {"code": code}
    organisation_ids = selectors.workshop_organisation_ids(request.user)
    return render(
        request,
        "workshop/technician_home.html",
        {
            "code": code,
            "code_error": code_error,
            "today": timezone.localdate(),
            "stock": selectors.stock_by_status_and_kind(actor=request.user),
            "waiting": selectors.waiting_by_step(actor=request.user),
            "longest": selectors.longest_waiting(actor=request.user),
            "distributed": selectors.handovers_by_programme_and_formula(actor=request.user),
            "loans": list(services.loans_ending(organisation_ids=organisation_ids)[:30]),
            "import_url": _optional_url("equipment:device_import"),
            "export_url": _optional_url("equipment:device_export"),
            "other_spaces": other_spaces(request.user, Role.TECHNICIAN),
        },
    )


@role_required(*WORKSHOP)
def device_list(request):
    """Devices filtered by step, kind and donor, with boxes to tick for their labels."""
    donors = selectors.workshop_donors(actor=request.user).order_by("name", "pk")
    filters = DeviceFilterForm(request.GET or None, donors=donors)
    devices = filters.filter(
        selectors.workshop_devices(actor=request.user).select_related("donor")
    ).order_by("inventory_code")
    page = Paginator(devices, DEVICES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "workshop/device_list.html",
        {"filters": filters, "page": page, "query": query.urlencode()},
    )


@role_required(*WORKSHOP)
def device_register(request):
    organisations = selectors.workshop_organisations(request.user)
    donors = selectors.workshop_donors(actor=request.user).order_by("name")
    form = DeviceRegisterForm(request.POST or None, organisations=organisations, donors=donors)
    errors = []
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            with transaction.atomic():
                donor = form.cleaned_data["donor"]
                name = form.cleaned_data["new_donor"]
                if name:
                    # No donor service yet: the registration below checks the actor's role
                    # and rolls this back with it when it refuses.
                    donor, _created = Donor.objects.get_or_create(
                        organisation=organisation, name=name
                    )
                device = services.device_register(
                    actor=request.user,
                    organisation=organisation,
                    **form.device_fields(donor),
                )
        except ValidationError as exc:
            errors = exc.messages
        except PermissionDenied as exc:
            errors = [str(exc)]
        else:
            messages.success(
                request,
                _("Appareil enregistré : %(code)s. Collez son étiquette.")
                % {"code": device.inventory_code},
            )
            return redirect("equipment:device", device.inventory_code)
    return render(
        request,
        "workshop/device_register.html",
        {"form": form, "errors": errors},
        status=400 if request.method == "POST" else 200,
    )


def _reservable_enrolments(device):
    """Learners of the structure's cohorts whose track hands over a device, who have not
    received one yet."""
    return (
        Enrolment.objects.filter(
            cohort__organisation_id=device.organisation_id, cohort__track__device_handover=True
        )
        .exclude(status=Enrolment.Status.DROPPED)
        .exclude(handovers__status__in=[Handover.Status.ACTIVE, Handover.Status.BOUGHT])
        .select_related("learner", "cohort")
        .order_by("cohort__name", "learner__last_name", "learner__first_name")
    )


def _device_context(request, device, **extra):
    allowed = services.TRANSITIONS[S(device.status)] - services.SERVICE_ONLY
    moves = [status for status in S if status in allowed]
    erasure_form = extra.pop("erasure_form", None) or ErasureForm()
    context = {
        "device": device,
        "moves": moves,
        "enrolments": _reservable_enrolments(device) if S.RESERVED in allowed else [],
        "may_erase": device.status in (S.IDENTIFIED, S.RETURNED, S.ERASED),
        "erasure_form": erasure_form,
        "erasures": device.erasures.select_related("operator"),
        "events": DeviceEvent.objects.filter(device=device)
        .select_related("actor")
        .order_by("-at", "-pk"),
        "handovers": device.handovers.select_related("enrolment__learner", "enrolment__cohort"),
        "move_data": {},
    }
    context.update(extra)
    return context


@role_required(*WORKSHOP)
def device_detail(request, code):
    device = selectors.device_get(actor=request.user, code=code)
    return render(request, "workshop/device_detail.html", _device_context(request, device))


@role_required(*WORKSHOP)
@require_POST
def device_move(request, code):
    """One button of the chain; a refusal shows the service's message, the input kept."""
    device = selectors.device_get(actor=request.user, code=code)
    to_status = request.POST.get("to_status", "")
    enrolment = None
    chosen = request.POST.get("enrolment", "")
    if to_status == S.RESERVED and chosen.isdigit():
        enrolment = _reservable_enrolments(device).filter(pk=chosen).first()
    try:
        services.device_move(
            actor=request.user,
            device_id=device.pk,
            to_status=to_status,
            note=request.POST.get("note", ""),
            weee_reference=request.POST.get("weee_reference", ""),
            enrolment=enrolment,
        )
    except ValidationError as exc:
        device.refresh_from_db()
        context = _device_context(request, device, move_errors=exc.messages, move_data=request.POST)
        return render(request, "workshop/device_detail.html", context, status=400)
    device.refresh_from_db()
    messages.success(
        request,
        _("%(code)s est passé à l'étape « %(status)s ».")
        % {"code": device.inventory_code, "status": device.get_status_display()},
    )
    return redirect("equipment:device", device.inventory_code)


@role_required(*WORKSHOP)
@require_POST
def device_erasure(request, code):
    """Record an erasure and its certificate (the PDF the erasure software produced)."""
    device = selectors.device_get(actor=request.user, code=code)
    form = ErasureForm(request.POST, request.FILES)
    errors = []
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.erasure_record(
                actor=request.user,
                device_id=device.pk,
                method=data["method"],
                standard=data["standard"],
                performed_on=data["performed_on"],
                result=data["result"],
                certificate=data["certificate"],
                notes=data["notes"],
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, _("Effacement enregistré."))
            return redirect(
                f"{reverse('equipment:device', args=[device.inventory_code])}#effacement"
            )
    device.refresh_from_db()
    context = _device_context(request, device, erasure_form=form, erasure_errors=errors)
    return render(request, "workshop/device_detail.html", context, status=400)


@role_required(*WORKSHOP)
def erasure_certificate(request, erasure_id):
    erasure = selectors.erasure_get(actor=request.user, erasure_id=erasure_id)
    if not erasure.certificate:
        raise Http404
    return FileResponse(
        erasure.certificate.open("rb"),
        content_type="application/pdf",
        filename=f"effacement-{erasure.device.inventory_code}-{erasure.performed_on:%Y-%m-%d}.pdf",
    )


@role_required(*WORKSHOP)
def device_label(request, code):
    device = selectors.device_get(actor=request.user, code=code)
    return pdf_response(LabelSheetPrintable([device], base_url=_base_url(request)))


@role_required(*WORKSHOP)
def device_labels(request):
    """The labels of the devices ticked on the list (or of its whole page)."""
    key = "page_device" if request.GET.get("all") else "device"
    ids = [value for value in request.GET.getlist(key) if value.isdigit()][:MAX_LABELS]
    devices = list(
        selectors.workshop_devices(actor=request.user).filter(pk__in=ids).order_by("inventory_code")
    )
    if not devices:
        messages.error(request, _("Cochez au moins un appareil pour imprimer ses étiquettes."))
        back = request.GET.get("back", "")
        return redirect(reverse("equipment:device_list") + (f"?{back}" if back else ""))
    return pdf_response(LabelSheetPrintable(devices, base_url=_base_url(request)))


def _base_url(request):
    return request.build_absolute_uri("/").rstrip("/")


@role_required(*WORKSHOP)
def donor_list(request):
    return render(
        request,
        "workshop/donor_list.html",
        {"donors": selectors.donors_with_counts(actor=request.user)},
    )


@role_required(*WORKSHOP)
def donor_detail(request, donor_id):
    donor = selectors.donor_get(actor=request.user, donor_id=donor_id)
    return render(
        request,
        "workshop/donor_detail.html",
        {"donor": donor, "devices": selectors.donor_devices(donor=donor)},
    )


@role_required(*WORKSHOP)
def donor_report(request, donor_id):
    donor = selectors.donor_get(actor=request.user, donor_id=donor_id)
    return pdf_response(DonorErasureReportPrintable(donor), inline=False)
