"""The trainer's view of a session plan, and the handout PDF."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from wagtail.models import Page, Site

from accounts.decorators import role_required
from accounts.models import Role
from core.durations import format_duration
from courses.models import SessionPlanPage, TrackPage
from courses.printables import HandoutPrintable


def live_session(page_id):
    return get_object_or_404(SessionPlanPage.objects.live().specific(), pk=page_id)


@role_required(Role.TRAINER, Role.COORDINATOR)
def trainer_catalogue(request):
    """Every live track with its sessions, each linking to its plan for the trainer."""
    tracks = list(TrackPage.objects.live().order_by("title"))
    sessions = (
        SessionPlanPage.objects.live()
        .order_by("path")
        .only("id", "path", "depth", "title", "number", "duration_minutes")
    )
    by_parent_path = {}
    for session in sessions:
        by_parent_path.setdefault(session.path[: -Page.steplen], []).append(session)
    rows = [
        {
            "track": track,
            "sessions": by_parent_path.get(track.path, []),
            "total": format_duration(
                sum(s.duration_minutes for s in by_parent_path.get(track.path, []))
            ),
        }
        for track in tracks
    ]
    return render(request, "trainer/trainer_catalogue.html", {"rows": rows})


@role_required(Role.TRAINER, Role.COORDINATOR)
def session_trainer(request, page_id):
    """The plan as a trainer follows it: timed steps, objectives, words, printable."""
    session = live_session(page_id)
    return render(
        request,
        "trainer/session_trainer.html",
        {"session": session, "track": session.get_parent().specific},
    )


def handout_pdf(request, page_id):
    """The summary sheet of a published session. Course content is public: no login."""
    session = live_session(page_id)
    printable = HandoutPrintable(
        session=session,
        online_url=request.build_absolute_uri(session.url),
        site=Site.find_for_request(request),
    )
    response = HttpResponse(printable.render(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{printable.filename()}"'
    return response
