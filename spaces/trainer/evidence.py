"""Pages of the evidence: signing on screen, the attendance sheets, the paper sheet,
diplomas and certificates, and the public verification page (served by spaces/public/urls.py
until this module is split)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import throttle
from accounts.decorators import role_required
from cohorts import evidence
from cohorts.models import Attendance, Diploma, Signature
from cohorts.printables import AttendanceSheetPrintable, DiplomaPrintable, display_code
from cohorts.selectors import cohort_get, diploma_get, enrolment_get, meeting_get

from .views import STAFF


def _meeting_url(meeting, anchor=""):
    return reverse("cohorts:meeting", args=[meeting.pk]) + (f"#{anchor}" if anchor else "")


def _pdf_response(printable, *, inline=True):
    response = HttpResponse(printable.render(), content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{printable.filename()}"'
    return response


@role_required(*STAFF)
def meeting_sign(request, meeting_id, learner_id=None):
    """A full-width pad: the learner (or the trainer) signs with a finger, then the roll."""
    meeting = meeting_get(actor=request.user, meeting_id=meeting_id)
    learner = None
    if learner_id is not None:
        attendance = get_object_or_404(
            Attendance.objects.select_related("learner"), meeting=meeting, learner_id=learner_id
        )
        learner = attendance.learner
    error = ""
    if request.method == "POST":
        try:
            evidence.meeting_sign(
                actor=request.user,
                meeting_id=meeting.pk,
                learner_id=learner.pk if learner else None,
                data_url=request.POST.get("signature", ""),
                ip_address=throttle.client_ip(request),
                user_agent=request.headers.get("User-Agent", ""),
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("Signature enregistrée pour %(name)s.")
                % {"name": learner or request.user.get_full_name() or request.user.username},
            )
            anchor = f"apprenant-{learner.pk}" if learner else "emargement"
            return redirect(_meeting_url(meeting, anchor))
    signed = Signature.objects.filter(
        meeting=meeting,
        **({"learner": learner} if learner else {"trainer": request.user, "role": "trainer"}),
    ).exists()
    return render(
        request,
        "trainer/sign.html",
        {"meeting": meeting, "learner": learner, "error": error, "signed": signed},
        status=400 if error else 200,
    )


@role_required(*STAFF)
def attendance_sheet_pdf(request, meeting_id, blank=False):
    meeting = meeting_get(actor=request.user, meeting_id=meeting_id)
    return _pdf_response(AttendanceSheetPrintable(meeting=meeting, blank=blank))


@role_required(*STAFF)
@require_POST
def paper_sheet_upload(request, meeting_id):
    meeting = meeting_get(actor=request.user, meeting_id=meeting_id)
    try:
        evidence.meeting_attach_paper_sheet(
            actor=request.user, meeting_id=meeting.pk, upload=request.FILES.get("paper_sheet")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("La feuille signée est jointe à la séance."))
    return redirect(_meeting_url(meeting, "emargement"))


@role_required(*STAFF)
def paper_sheet_file(request, meeting_id):
    meeting = meeting_get(actor=request.user, meeting_id=meeting_id)
    if not meeting.paper_sheet:
        raise Http404
    return FileResponse(meeting.paper_sheet.open("rb"), filename=meeting.paper_sheet.name)


@role_required(*STAFF)
@require_POST
def cohort_diplomas(request, cohort_id):
    """Issue what is due and ask for the ceremony's PDF; the page then follows the worker."""
    cohort = cohort_get(actor=request.user, cohort_id=cohort_id)
    last = cohort.meetings.order_by("-number").first()
    try:
        evidence.cohort_diploma_batch_request(
            actor=request.user,
            cohort_id=cohort.pk,
            verify_url=request.build_absolute_uri(reverse("cohorts:verify_home")),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    target = _meeting_url(last, "diplomes") if last else reverse("cohorts:cohort", args=[cohort.pk])
    return redirect(target)


@role_required(*STAFF)
def cohort_diplomas_status(request, cohort_id):
    cohort = cohort_get(actor=request.user, cohort_id=cohort_id)
    return render(
        request, "trainer/_diplomas.html", {"cohort": cohort, "batch": cohort.diploma_batch}
    )


@role_required(*STAFF)
def cohort_diplomas_pdf(request, cohort_id):
    cohort = cohort_get(actor=request.user, cohort_id=cohort_id)
    document = cohort.diploma_batch
    if document is None or document.status != document.Status.READY or not document.file:
        raise Http404
    return FileResponse(
        document.file.open("rb"), content_type="application/pdf", filename="diplomes.pdf"
    )


@role_required(*STAFF)
def diploma_pdf(request, diploma_id):
    diploma = diploma_get(actor=request.user, diploma_id=diploma_id)
    printable = DiplomaPrintable(
        diplomas=[diploma], verify_url=request.build_absolute_uri(reverse("cohorts:verify_home"))
    )
    return _pdf_response(printable)


@role_required(*STAFF)
def enrolment_diploma(request, enrolment_id):
    """One learner's diploma or certificate; a coordinator may decide a diploma with a
    reason when the rule is not met."""
    enrolment = enrolment_get(actor=request.user, enrolment_id=enrolment_id)
    errors = []
    if request.method == "POST":
        kind = request.POST.get("kind")
        if kind not in Diploma.Kind.values:
            raise Http404
        try:
            diploma = evidence.diploma_issue(
                actor=request.user,
                enrolment_id=enrolment.pk,
                kind=kind,
                reason=request.POST.get("reason", ""),
            )
        except ValidationError as exc:
            errors = exc.messages
        else:
            return redirect("cohorts:diploma_pdf", diploma.pk)
    return render(
        request,
        "trainer/enrolment_diploma.html",
        {
            "enrolment": enrolment,
            "diplomas": enrolment.diplomas.order_by("kind"),
            "errors": errors,
            "data": request.POST,
        },
        status=400 if errors else 200,
    )


def verify(request, code=""):
    """Public: anyone holding the paper checks it. Shows no more than the first name and
    the initial; an unknown code says so."""
    diploma = None
    typed = request.GET.get("code", code)
    if typed:
        if not throttle.hit(f"verify:{throttle.client_ip(request)}", limit=60, window=600):
            return render(request, "public/verify.html", {"throttled": True}, status=429)
        diploma = Diploma.objects.filter(code=evidence.diploma_code_normalise(typed)).first()
    response = render(
        request,
        "public/verify.html",
        {
            "typed": typed,
            "diploma": diploma,
            "code": display_code(diploma.code) if diploma else "",
        },
        status=404 if typed and diploma is None else 200,
    )
    response["X-Robots-Tag"] = "noindex"
    return response
