"""The trainer's space: today's meetings, the roll call and walk-ins, the plan and its
projection, the end of a meeting, handouts, the cohort dashboard, a learner's access card and
the enrolment after a diagnostic. `STAFF`, `meeting_get` and `cohort_get` serve the space's
other pages too."""

import functools
import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import InterfaceError, OperationalError
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from accounts.models import Role
from accounts.spaces import other_spaces
from cohorts import audit, selectors, services
from cohorts.models import Attendance, Cohort, Enrolment, Learner, Meeting
from cohorts.selectors import exercises as selectors_exercises
from diagnostics import selectors as diagnostics_selectors
from diagnostics.models import Assessment
from equipment import selectors as equipment_selectors
from spaces.public.accounts import render_pin_card

logger = logging.getLogger(__name__)
STAFF = (Role.TRAINER, Role.COORDINATOR)
LATE_CHOICES = (5, 10, 15, 20, 30, 45, 60)
DEFAULT_LATE_MINUTES = 15


def is_number(text):
    """Plain ASCII digits only: "²" or "٣" pass str.isdigit() but not int()."""
    return text.isascii() and text.isdecimal()


@role_required(*STAFF)
def trainer_home(request):
    """Today's meetings first, then the next two weeks, then the trainer's cohorts."""
    today = timezone.localdate()
    meetings = list(selectors.trainer_meetings(actor=request.user, today=today))
    cohorts = (
        Cohort.objects.visible_to(request.user)
        .filter(trainers=request.user)
        .select_related("track")
        .annotate(
            enrolled=Count("enrolments", filter=~Q(enrolments__status=Enrolment.Status.DROPPED))
        )
        .order_by("-starts_on")
    )
    return render(
        request,
        "trainer/trainer_home.html",
        {
            "today_meetings": [m for m in meetings if timezone.localdate(m.starts_at) == today],
            "upcoming_meetings": [m for m in meetings if timezone.localdate(m.starts_at) > today],
            "cohorts": cohorts,
            "other_spaces": other_spaces(request.user, Role.TRAINER),
        },
    )


WALK_IN_MATCHES = 20


def _walk_in_candidates(user, meeting, search):
    """The structure's learners not yet in the group whose names hold every word searched.

    A search, not a list: a structure follows thousands of people, and the page a trainer
    keeps open must not carry all their names."""
    words = search.split()
    if not words or len(search) < 2:
        return []
    learners = (
        Learner.objects.visible_to(user)
        .filter(organisation_id=meeting.cohort.organisation_id)
        .exclude(enrolments__cohort_id=meeting.cohort_id)
    )
    for word in words[:4]:
        learners = learners.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return list(
        learners.only("id", "first_name", "last_name").order_by("last_name", "first_name", "pk")[
            :WALK_IN_MATCHES
        ]
    )


def _meeting_context(request, meeting, **extra):
    roll = selectors.meeting_roll(meeting=meeting)
    is_last = services.meeting_is_last(meeting)
    completions = []
    if is_last:
        by_learner = {c.learner_id: c for c in selectors.cohort_completions(cohort=meeting.cohort)}
        completions = [
            (row.learner, by_learner[row.learner.pk])
            for row in roll
            if row.enrolment.status != Enrolment.Status.DROPPED
        ]
    survey_rows = []
    if is_last and meeting.status != Meeting.Status.CANCELLED:
        answered = selectors.cohort_survey_answered(cohort=meeting.cohort)
        survey_rows = [
            (row.learner, row.enrolment.pk in answered)
            for row in roll
            if row.enrolment.status != Enrolment.Status.DROPPED
        ]
    present = [
        row
        for row in roll
        if row.attendance and row.attendance.mark in (Attendance.Mark.PRESENT, Attendance.Mark.LATE)
    ]
    walk_in_search = (request.GET.get("chercher") or request.POST.get("chercher", "")).strip()[:100]
    walk_in_candidates = _walk_in_candidates(request.user, meeting, walk_in_search)
    context = {
        "meeting": meeting,
        "cohort": meeting.cohort,
        "session": meeting.session_plan,
        "roll": roll,
        "present": present,
        "counts": {
            "marked": sum(1 for row in roll if row.attendance),
            "present": len(present),
            "total": sum(1 for row in roll if row.enrolment.status != Enrolment.Status.DROPPED),
        },
        "marks": Attendance.Mark,
        "late_choices": LATE_CHOICES,
        "is_last": is_last,
        "completions": completions,
        "survey_rows": survey_rows,
        "survey_answered": sum(1 for _learner, answered in survey_rows if answered),
        "device_handover": meeting.cohort.track.device_handover,
        "walk_in_search": walk_in_search,
        "walk_in_candidates": walk_in_candidates,
        "walk_in_limit": WALK_IN_MATCHES,
        "handouts": meeting.handouts,
        "trainer_signed": meeting.signatures.filter(role="trainer", trainer=request.user).exists(),
    }
    context.update(extra)
    typed = context.get("close_data") or {}
    context["present_minutes"] = [
        (row, typed.get(f"minutes_{row.learner.pk}", row.attendance.attended_minutes()))
        for row in present
    ]
    return context


@role_required(*STAFF)
def meeting_detail(request, meeting_id):
    """The page a trainer keeps open for two hours: roll call, plan, end of the meeting."""
    meeting = selectors.meeting_get(actor=request.user, meeting_id=meeting_id)
    context = _meeting_context(request, meeting)
    context.update(
        meeting_exercises=list(selectors_exercises.meeting_exercises(meeting=meeting)),
        meeting_launches=list(selectors_exercises.meeting_launches(meeting=meeting)),
    )
    return render(request, "trainer/meeting.html", context)


def database_unavailable_as_503(view):
    """The database gone in the middle of a tap (PostgreSQL restarting): instead of the
    generic error page, a 503 saying in French that the mark was not saved and to tap again;
    for htmx, a fragment that the roll-call script shows in the learner's row. Nothing is
    half-saved: the tap's transaction never committed. The next request reconnects
    (CONN_HEALTH_CHECKS). The template reads no database."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except (OperationalError, InterfaceError):
            logger.exception("database unavailable during %s", request.path)
            template = "trainer/_roll_unsaved.html" if request.htmx else "trainer/roll_unsaved.html"
            back = reverse("cohorts:meeting", args=[kwargs.get("meeting_id", 0)])
            # No request context: its processors would read the database.
            return HttpResponse(render_to_string(template, {"back": back}), status=503)

    return wrapped


@database_unavailable_as_503
@role_required(*STAFF)
@require_POST
def meeting_mark(request, meeting_id):
    """One tap of the roll call. With htmx the learner's row comes back; without, the page.

    The trainer taps fast: the meeting is read without the session plan, track and
    documents that the page shows (their joins cost more to plan than to run)."""
    meeting = selectors.meeting_for_roll_call(actor=request.user, meeting_id=meeting_id)
    learner_id = request.POST.get("learner", "")
    mark = request.POST.get("mark", "")
    late_text = request.POST.get("late_minutes", "")
    if not late_text:
        late_minutes = DEFAULT_LATE_MINUTES if mark == Attendance.Mark.LATE else 0
    else:
        late_minutes = int(late_text) if is_number(late_text) else None
    error = ""
    try:
        services.meeting_take_roll(
            actor=request.user,
            meeting_id=meeting.pk,
            learner_id=int(learner_id) if is_number(learner_id) else 0,
            mark=mark,
            late_minutes=late_minutes,
        )
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(f"{reverse('cohorts:meeting', args=[meeting.pk])}#apprenant-{learner_id}")
    meeting = Meeting.objects.select_related("cohort").get(pk=meeting.pk)
    rows = [
        row for row in selectors.meeting_roll(meeting=meeting) if str(row.learner.pk) == learner_id
    ]
    if not rows:
        raise Http404
    return render(
        request,
        "trainer/_roll_row.html",
        {
            "row": rows[0],
            "meeting": meeting,
            "marks": Attendance.Mark,
            "late_choices": LATE_CHOICES,
            "error": error,
        },
    )


@role_required(*STAFF)
@require_POST
def meeting_walk_in(request, meeting_id):
    """Someone not on the list arrives: add them to the group and mark them."""
    meeting = selectors.meeting_get(actor=request.user, meeting_id=meeting_id)
    learner = None
    chosen = request.POST.get("learner", "")
    if is_number(chosen):
        learner = selectors.learner_get(actor=request.user, learner_id=chosen)
        if learner.organisation_id != meeting.cohort.organisation_id:
            raise Http404
    try:
        late = int(request.POST.get("late_minutes") or 0)
    except ValueError:
        late = 0
    try:
        added = services.meeting_add_walk_in(
            actor=request.user,
            meeting=meeting,
            learner=learner,
            first_name=request.POST.get("first_name", ""),
            last_name=request.POST.get("last_name", ""),
            phone=request.POST.get("phone", ""),
            late_minutes=late,
        )
    except ValidationError as exc:
        context = _meeting_context(
            request, meeting, walk_in_errors=exc.messages, walk_in_data=request.POST
        )
        return render(request, "trainer/meeting.html", context, status=400)
    messages.success(request, _("%(name)s est ajouté(e) à la liste.") % {"name": added})
    return redirect(f"{reverse('cohorts:meeting', args=[meeting.pk])}#apprenant-{added.pk}")


@role_required(*STAFF)
@require_POST
def meeting_close(request, meeting_id):
    """End of the meeting: minutes attended, notes; unmarked learners become absent."""
    meeting = selectors.meeting_get(actor=request.user, meeting_id=meeting_id)
    minutes = {
        key.removeprefix("minutes_"): value
        for key, value in request.POST.items()
        if key.startswith("minutes_") and is_number(key.removeprefix("minutes_"))
    }
    try:
        services.meeting_close(
            actor=request.user,
            meeting_id=meeting.pk,
            notes=request.POST.get("notes", ""),
            minutes=minutes,
        )
    except ValidationError as exc:
        context = _meeting_context(
            request, meeting, close_errors=exc.messages, close_data=request.POST
        )
        return render(request, "trainer/meeting.html", context, status=400)
    messages.success(request, _("La séance est terminée. Merci !"))
    return redirect(f"{reverse('cohorts:meeting', args=[meeting.pk])}#fin")


@role_required(*STAFF)
@require_POST
def meeting_handouts(request, meeting_id):
    """Ask for the handouts of the learners present; the page then follows the worker."""
    meeting = selectors.meeting_get(actor=request.user, meeting_id=meeting_id)
    online_url = (
        request.build_absolute_uri(meeting.session_plan.url) if meeting.session_plan else ""
    )
    try:
        services.meeting_request_handouts(
            actor=request.user, meeting_id=meeting.pk, online_url=online_url
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(f"{reverse('cohorts:meeting', args=[meeting.pk])}#fiches")


@role_required(*STAFF)
def meeting_handouts_status(request, meeting_id):
    """The state of the handouts batch (polled by htmx while the worker runs)."""
    meeting = selectors.meeting_get(actor=request.user, meeting_id=meeting_id)
    return render(
        request, "trainer/_handouts.html", {"meeting": meeting, "handouts": meeting.handouts}
    )


@role_required(*STAFF)
def meeting_handouts_pdf(request, meeting_id):
    meeting = selectors.meeting_get(actor=request.user, meeting_id=meeting_id)
    document = meeting.handouts
    if document is None or document.status != document.Status.READY or not document.file:
        raise Http404
    return FileResponse(
        document.file.open("rb"),
        content_type="application/pdf",
        filename=f"fiches-seance-{meeting.number}.pdf",
    )


@role_required(*STAFF)
def meeting_projection(request, meeting_id):
    """The plan for the room: one step at a time, large type, a timer, full screen."""
    meeting = selectors.meeting_get(actor=request.user, meeting_id=meeting_id)
    if meeting.session_plan is None:
        raise Http404
    return render(
        request,
        "trainer/projection.html",
        {"meeting": meeting, "session": meeting.session_plan},
    )


@role_required(*STAFF)
def cohort_dashboard(request, cohort_id):
    """Learners × meetings: marks, hours attended, completion, and the device handed over."""
    cohort = selectors.cohort_get(actor=request.user, cohort_id=cohort_id)
    meetings, rows = selectors.cohort_matrix(cohort=cohort)
    if cohort.track.device_handover:
        held = equipment_selectors.current_handovers(
            enrolment_ids=[row.enrolment.pk for row in rows]
        )
        for row in rows:
            row.handover = held.get(row.enrolment.pk)
    return render(
        request,
        "trainer/cohort_dashboard.html",
        {
            "cohort": cohort,
            "meetings": meetings,
            "rows": rows,
            "marks": Attendance.Mark,
            "device_handover": cohort.track.device_handover,
        },
    )


@role_required(*STAFF)
@require_POST
def learner_access(request, learner_id):
    """Open the learner's own space: a code and a PIN on a card to print, shown once."""
    learner = selectors.learner_get(actor=request.user, learner_id=learner_id)
    account, pin = services.learner_give_access(actor=request.user, learner_id=learner_id)
    audit.record(actor=request.user, learner=learner, action=audit.Action.CHANGED, detail="acces")
    messages.success(request, _("Accès créé. Donnez cette carte à la personne."))
    return render_pin_card(request, account, pin)


@role_required(*STAFF)
def assessment_enrol(request, assessment_id):
    """From a diagnostic's result: enrol the person in a cohort of a recommended track."""
    assessment = diagnostics_selectors.assessment_get(
        actor=request.user, assessment_id=assessment_id
    )
    if assessment.status != Assessment.Status.COMPLETED:
        raise Http404
    track_ids = [track["id"] for track in assessment.recommendation.get("tracks", [])]
    today = timezone.localdate()
    cohorts = (
        Cohort.objects.visible_to(request.user)
        .filter(organisation_id=assessment.organisation_id)
        .filter(Q(track_id__in=track_ids) | Q(meetings__starts_at__date__gte=today))
        .select_related("track")
        .annotate(
            enrolled=Count(
                "enrolments",
                filter=~Q(enrolments__status=Enrolment.Status.DROPPED),
                distinct=True,
            )
        )
        .distinct()
        .order_by("-starts_on")
    )
    cohorts = sorted(cohorts, key=lambda cohort: cohort.track_id not in track_ids)
    first, _sep, last = assessment.person_name.strip().partition(" ")
    data = request.POST if request.method == "POST" else {"first_name": first, "last_name": last}
    errors = []
    if request.method == "POST":
        cohort = next((c for c in cohorts if str(c.pk) == request.POST.get("cohort")), None)
        if cohort is None:
            errors.append(_("Choisissez un groupe."))
        else:
            try:
                enrolment = services.assessment_enrol(
                    actor=request.user,
                    assessment=assessment,
                    cohort=cohort,
                    first_name=request.POST.get("first_name", ""),
                    last_name=request.POST.get("last_name", ""),
                    phone=request.POST.get("phone", ""),
                    reads_french=assessment.needs.get("reads_french") != "non",
                )
            except ValidationError as exc:
                errors.extend(exc.messages)
            else:
                messages.success(
                    request,
                    _("%(name)s est inscrit(e) dans le groupe « %(cohort)s ».")
                    % {"name": enrolment.learner, "cohort": cohort},
                )
                return redirect("cohorts:cohort", cohort.pk)
    return render(
        request,
        "trainer/assessment_enrol.html",
        {
            "assessment": assessment,
            "cohorts": cohorts,
            "track_ids": track_ids,
            "data": data,
            "errors": errors,
        },
        status=400 if errors else 200,
    )
