"""The learner space, phone-first: my sessions, my summary sheets, my exercises, my
progress, my computer; and the trainer's page with the QR code that opens the log-in.

Everything a learner sees is read from the learner file linked to the signed-in account
(`Learner.user`), never from an id in the URL: there is nothing to guess or to change.
"""

import datetime
import json
import urllib.parse
from dataclasses import dataclass
from functools import wraps

import segno
from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone
from django.utils.html import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import learner_required, role_required
from accounts.models import LearnerAccount, Role
from cohorts import exercises, survey
from cohorts.models import Attempt, Attendance, Learner, Meeting, Reminder
from cohorts.selectors import learner_get
from cohorts.sms import meeting_place, time_said
from courses.h5p.addresses import activity_iri, content_id
from courses.models import Competence, H5PActivity
from diagnostics.models import Assessment
from diagnostics.selectors import assessment_progress
from spaces.trainer.views import is_number

# A sale comes with the structure's two-year warranty from the day of the hand-over.
SALE_WARRANTY_YEARS = 2


def learner_space(view):
    """A signed-in learner with a learner file; without one, a kind page to ask the trainer.

    The view receives the learner file as `learner`.
    """

    @wraps(view)
    @learner_required
    def wrapped(request, *args, **kwargs):
        learner = Learner.objects.filter(user=request.user).select_related("organisation").first()
        if learner is None:
            return render(
                request,
                "learner/no_file.html",
                {"account": request.user.learner_account},
            )
        return view(request, learner, *args, **kwargs)

    return wrapped


def _enrolments(learner):
    """The learner's current and past groups; a group they left is not theirs any more."""
    return (
        exercises.learner_enrolments(learner)
        .select_related("cohort", "cohort__track")
        .order_by("-cohort__starts_on")
    )


def _meetings(learner):
    return (
        Meeting.objects.filter(cohort_id__in=_enrolments(learner).values("cohort_id"))
        .select_related("cohort", "session_plan")
        .prefetch_related(
            Prefetch(
                "attendances",
                queryset=Attendance.objects.filter(learner=learner),
                to_attr="my_attendance",
            )
        )
    )


def _next_meeting(learner, now):
    return (
        _meetings(learner)
        .filter(starts_at__gte=now - datetime.timedelta(hours=1))
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")
        .first()
    )


def map_url(place):
    """A link to the place on OpenStreetMap: nothing is loaded from a third party here."""
    return "https://www.openstreetmap.org/search?" + urllib.parse.urlencode({"query": place})


@dataclass
class MeetingCard:
    meeting: Meeting
    place: str
    map_url: str
    time: str  # "14 h", as it is said
    mark: str  # the learner's attendance mark, "" when none

    @property
    def text_id(self):
        return f"meeting-{self.meeting.pk}"

    @classmethod
    def of(cls, meeting):
        place = meeting_place(meeting)
        marks = getattr(meeting, "my_attendance", [])
        return cls(
            meeting=meeting,
            place=place,
            map_url=map_url(meeting.cohort.venue),
            time=time_said(timezone.localtime(meeting.starts_at)),
            mark=marks[0].get_mark_display() if marks else "",
        )


def _reminder(learner, meeting, today):
    """The reminder to show on the home page: the one sent for the next meeting, or the
    same words when it is today or tomorrow and the schedule has not run yet."""
    if meeting is None:
        return None
    sent = Reminder.objects.filter(learner=learner, meeting=meeting).exists()
    day = timezone.localtime(meeting.starts_at).date()
    if sent or day <= today + datetime.timedelta(days=1):
        return {"is_today": day == today, "is_tomorrow": day == today + datetime.timedelta(days=1)}
    return None


@learner_space
def learner_home(request, learner):
    """Big tiles to each part of the space, with the next meeting on top, and at the end of
    a track the card asking for the learner's opinion."""
    now = timezone.now()
    meeting = _next_meeting(learner, now)
    survey_enrolment = survey.learner_survey_enrolment(learner, now=now)
    return render(
        request,
        "learner/home.html",
        {
            "learner": learner,
            "next": MeetingCard.of(meeting) if meeting else None,
            "reminder": _reminder(learner, meeting, timezone.localdate()),
            "launches": list(exercises.open_launches(learner).select_related("activity")),
            "survey": (
                {"answered": hasattr(survey_enrolment, "satisfaction")}
                if survey_enrolment
                else None
            ),
        },
    )


@learner_space
def learner_meetings(request, learner):
    now = timezone.now()
    meetings = list(_meetings(learner).order_by("starts_at"))
    upcoming = [MeetingCard.of(m) for m in meetings if m.ends_at >= now]
    past = [MeetingCard.of(m) for m in reversed(meetings) if m.ends_at < now]
    return render(
        request,
        "learner/meetings.html",
        {"learner": learner, "upcoming": upcoming, "past": past},
    )


@learner_space
def learner_handouts(request, learner):
    """The summary sheets of the sessions already held: online and as a PDF."""
    meetings = (
        _meetings(learner)
        .filter(starts_at__lte=timezone.now(), session_plan__live=True)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-starts_at")
    )
    seen, sheets = set(), []
    for meeting in meetings:
        if meeting.session_plan_id not in seen:
            seen.add(meeting.session_plan_id)
            sheets.append({"meeting": meeting, "session": meeting.session_plan})
    return render(request, "learner/handouts.html", {"learner": learner, "sheets": sheets})


@learner_space
def learner_exercises(request, learner):
    """The exercises of the sessions of my tracks, with what I already did, and on top the
    one my trainer has just launched."""
    tracks = list(exercises.learner_tracks(learner))
    sessions = list(
        exercises.sessions_of_tracks(tracks)
        .order_by("path")
        .prefetch_related(
            Prefetch(
                "exercises",
                queryset=H5PActivity.objects.filter(is_active=True).order_by("title"),
                to_attr="active_exercises",
            )
        )
    )
    done = {}
    for attempt in (
        Attempt.objects.finished().filter(learner=learner).order_by("activity_id", "-finished_at")
    ):
        done.setdefault(attempt.activity_id, attempt)
    rows = []
    for track in tracks:
        track_sessions = [s for s in sessions if s.path.startswith(track.path)]
        for session in track_sessions:
            session.rows = [
                (activity, done.get(activity.pk)) for activity in session.active_exercises
            ]
        rows.append({"track": track, "sessions": sorted(track_sessions, key=lambda s: s.number)})
    launches = list(exercises.open_launches(learner).select_related("activity"))
    return render(
        request,
        "learner/exercises.html",
        {"learner": learner, "tracks": rows, "launches": launches},
    )


@learner_space
def learner_exercise(request, learner, activity_id):
    """One exercise, played in a sandboxed frame; the page relays its results."""
    activity = get_object_or_404(exercises.activities_open_to(learner), pk=activity_id)
    launch = None
    chosen = request.GET.get("lancement", "")
    if is_number(chosen):
        launch = get_object_or_404(
            exercises.open_launches(learner), pk=int(chosen), activity=activity
        )
    player = reverse("h5p_player", args=[content_id(activity)])
    return render(
        request,
        "learner/exercise.html",
        {
            "learner": learner,
            "activity": activity,
            "launch": launch,
            "token": exercises.attempt_token(learner, activity, launch),
            "player_url": f"{player}?{urllib.parse.urlencode({'lang': get_language()})}",
        },
    )


@learner_space
def learner_launch_join(request, learner, launch_id):
    """The QR code shown by the trainer leads here: straight to the running exercise."""
    launch = exercises.open_launches(learner).filter(pk=launch_id).first()
    if launch is None:
        return render(request, "learner/launch_closed.html", {"learner": learner}, status=404)
    url = reverse("cohorts:learner_exercise", args=[launch.activity_id])
    return redirect(f"{url}?lancement={launch.pk}")


MAX_STATEMENT_BYTES = 64 * 1024


def _no_constant(name):
    raise ValueError(f"{name} is not a number JSON allows")


@require_POST
@learner_space
def learner_exercise_statement(request, learner):
    """Receive one xAPI statement relayed by the exercise page (JSON)."""
    if len(request.body) > MAX_STATEMENT_BYTES:
        return JsonResponse({"message": _("Déclaration trop longue.")}, status=413)
    try:
        body = json.loads(request.body, parse_constant=_no_constant)
        token, statement = body["token"], body["statement"]
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"message": _("Déclaration xAPI illisible.")}, status=400)
    if not isinstance(token, str):
        return JsonResponse({"message": _("Déclaration xAPI illisible.")}, status=400)
    try:
        attempt, final = exercises.statement_record(
            learner,
            token,
            statement,
            lambda activity: activity_iri(request, activity),
        )
    except exercises.StatementRefused as refusal:
        return JsonResponse({"message": str(refusal.message)}, status=refusal.status)
    answer = {"recorded": attempt is not None, "finished": final}
    if final:
        if attempt.score is not None:
            answer["message"] = _("Résultat enregistré : %(score)s sur %(max)s.") % {
                "score": floatformat(attempt.score, -2),
                "max": floatformat(attempt.max_score, -2),
            }
        else:
            answer["message"] = _("Exercice terminé. C'est enregistré.")
        if attempt.launch_id is None:
            # Starting over in the same page is a new attempt, with a new ticket.
            answer["next_token"] = exercises.attempt_token(learner, attempt.activity)
    return JsonResponse(answer)


def _domain_percents(assessment):
    return {
        domain: round(100 * score / maximum) if maximum else 0
        for domain, (score, maximum) in assessment.domain_scores.items()
    }


@learner_space
def learner_progress(request, learner):
    """The first diagnostic against the last one, domain by domain."""
    completed = list(
        Assessment.objects.filter(
            learner_user=request.user, status=Assessment.Status.COMPLETED
        ).order_by("completed_at", "pk")
    )
    initial = next((a for a in completed if a.phase == Assessment.Phase.INITIAL), None)
    finals = [a for a in completed if a.phase == Assessment.Phase.FINAL]
    final = finals[-1] if finals else None
    names = dict(Competence.Domain.choices)
    rows, progress = [], None
    if initial:
        before = _domain_percents(initial)
        after = _domain_percents(final) if final else {}
        for domain in sorted(before.keys() | after.keys()):
            rows.append(
                {
                    "name": names.get(domain, domain),
                    "before": before.get(domain),
                    "after": after.get(domain),
                }
            )
        if final:
            progress = assessment_progress(initial=initial, final=final)
    return render(
        request,
        "learner/progress.html",
        {
            "learner": learner,
            "initial": initial,
            "final": final,
            "rows": rows,
            "progress": progress,
        },
    )


def _warranty_end(day):
    try:
        return day.replace(year=day.year + SALE_WARRANTY_YEARS)
    except ValueError:  # 29 February
        return day.replace(year=day.year + SALE_WARRANTY_YEARS, day=28)


@learner_space
def learner_device(request, learner):
    """The computer received at the end of the track: gift, loan or solidarity sale."""
    devices = []
    for enrolment in _enrolments(learner):
        # Reverse relation from equipment.Handover: cohorts does not import equipment.
        for handover in enrolment.handovers.select_related("device").order_by("-handed_over_at"):
            handed_over_on = timezone.localtime(handover.handed_over_at).date()
            devices.append(
                {
                    "handover": handover,
                    "text_id": f"device-{handover.pk}",
                    "device": handover.device,
                    "handed_over_on": handed_over_on,
                    "warranty_ends_on": (
                        _warranty_end(handed_over_on) if handover.formula == "sale" else None
                    ),
                }
            )
    return render(request, "learner/device.html", {"learner": learner, "devices": devices})


@role_required(Role.TRAINER, Role.COORDINATOR)
def learner_login_qr(request, learner_id):
    """A large QR code to the log-in page with the learner's code filled in: the learner
    scans the screen or the print and types only the PIN. The PIN is never in it."""
    learner = learner_get(actor=request.user, learner_id=learner_id)
    account = LearnerAccount.objects.filter(user_id=learner.user_id).first()
    context = {"learner": learner, "account": account}
    if account is not None:
        login_url = request.build_absolute_uri(
            reverse("accounts:learner_login") + f"?code={account.code}"
        )
        qr_svg = segno.make(login_url, error="m").svg_inline(
            scale=8, omitsize=True, title=_("Se connecter à Tremplin")
        )
        context.update(login_url=login_url, qr_svg=mark_safe(qr_svg))  # noqa: S308 (segno output)
    return render(request, "trainer/learner_login_qr.html", context)
