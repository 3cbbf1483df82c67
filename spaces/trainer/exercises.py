"""The trainer's side of exercises: launch one for the group at a meeting and follow it
live, the results of a cohort, of a learner and per competence, and a preview that records
nothing.

Every object is read through `visible_to(request.user)`: another organisation's meeting,
launch, cohort or learner is a 404. Scores come from the learner's browser: the pages show
them as an indication, never as the basis of a diploma.
"""

import urllib.parse

import segno
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import role_required
from cohorts import audit, exercises
from cohorts.selectors import cohort_get, launch_get, learner_get, meeting_get
from cohorts.selectors import exercises as selectors
from courses.h5p.addresses import content_id
from courses.models import H5PActivity

from .views import STAFF, is_number


def _meeting_launch(user, meeting_id, launch_id):
    """A launch of the meeting the URL names; 404 otherwise, as for any other launch."""
    launch = launch_get(actor=user, launch_id=launch_id)
    if launch.meeting_id != meeting_id:
        raise Http404
    return launch


def _board_context(launch):
    return {
        "launch": launch,
        "meeting": launch.meeting,
        "board": selectors.launch_board(launch=launch),
        "statuses": selectors.Status,
    }


@role_required(*STAFF)
@require_POST
def launch_start(request, meeting_id):
    """Start one of the session's exercises for the group (a double tap starts it once)."""
    meeting = meeting_get(actor=request.user, meeting_id=meeting_id)
    chosen = request.POST.get("activity", "")
    if not is_number(chosen):
        raise Http404
    activity = get_object_or_404(selectors.meeting_exercises(meeting=meeting), pk=int(chosen))
    launch = exercises.launch_start(meeting, activity, request.user)
    return redirect("cohorts:meeting_launch", meeting.pk, launch.pk)


@role_required(*STAFF)
def launch_detail(request, meeting_id, launch_id):
    """The page shown in the room: a QR code to join, and who has finished, live."""
    launch = _meeting_launch(request.user, meeting_id, launch_id)
    context = _board_context(launch)
    if launch.is_open:
        join_url = request.build_absolute_uri(
            reverse("cohorts:learner_launch_join", args=[launch.pk])
        )
        # Without a fixed size the SVG gets a viewBox and scales to the screen.
        qr_svg = segno.make(join_url, error="m").svg_inline(
            scale=10, omitsize=True, title=_("Ouvrir l'exercice sur son téléphone")
        )
        context.update(
            join_url=join_url,
            join_url_short=join_url.split("://", 1)[-1],
            qr_svg=mark_safe(qr_svg),  # noqa: S308 (segno output)
        )
    return render(request, "trainer/exercises/launch.html", context)


@role_required(*STAFF)
def launch_board(request, meeting_id, launch_id):
    """The live panel of a launch, polled by htmx every few seconds while it runs."""
    launch = _meeting_launch(request.user, meeting_id, launch_id)
    return render(request, "trainer/exercises/_board.html", _board_context(launch))


@role_required(*STAFF)
@require_POST
def launch_stop(request, meeting_id, launch_id):
    launch = _meeting_launch(request.user, meeting_id, launch_id)
    exercises.launch_stop(launch)
    return redirect("cohorts:meeting_launch", meeting_id, launch.pk)


@role_required(*STAFF)
def cohort_results(request, cohort_id):
    """Learners × the track's exercises: best finished score and number of tries."""
    cohort = cohort_get(actor=request.user, cohort_id=cohort_id)
    sessions, columns, rows = selectors.cohort_exercise_results(actor=request.user, cohort=cohort)
    return render(
        request,
        "trainer/exercises/cohort_results.html",
        {"cohort": cohort, "sessions": sessions, "columns": columns, "rows": rows},
    )


@role_required(*STAFF)
def learner_results(request, learner_id):
    """One learner's attempts, with each answer given."""
    learner = learner_get(actor=request.user, learner_id=learner_id)
    audit.record(
        actor=request.user, learner=learner, action=audit.Action.VIEWED, detail="exercices"
    )
    attempts = list(selectors.learner_attempts(actor=request.user, learner=learner))
    for attempt in attempts:
        attempt.duration = selectors.duration_text(attempt.duration_seconds)
    return render(
        request,
        "trainer/exercises/learner_results.html",
        {"learner": learner, "attempts": attempts},
    )


@role_required(*STAFF)
def competence_results(request):
    """Each competence with its exercises, and how the trainer's learners did on them."""
    return render(
        request,
        "trainer/exercises/competences.html",
        {"rows": selectors.competence_exercises(actor=request.user)},
    )


@role_required(*STAFF)
def exercise_preview(request, activity_id):
    """The exercise as learners get it, without the relay script: nothing is recorded."""
    activity = get_object_or_404(H5PActivity, pk=activity_id)
    player = reverse("h5p_player", args=[content_id(activity)])
    return render(
        request,
        "trainer/exercises/preview.html",
        {
            "activity": activity,
            "player_url": f"{player}?{urllib.parse.urlencode({'lang': get_language()})}",
        },
    )
