"""Pages of the end-of-track survey: three questions with smileys, answered in the learner's
space or, at the last meeting, on the trainer's device.

The learner's page takes no id: it reads the enrolment from the signed-in learner's file.
"""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.decorators import role_required
from cohorts import services, survey
from cohorts.models import Enrolment, Meeting, SatisfactionAnswer
from cohorts.selectors import meeting_get
from spaces.learner.views import learner_space

from .views import STAFF


def _answer_of(enrolment):
    # Read through select_related: None when the learner has not answered yet.
    return getattr(enrolment, "satisfaction", None)


def _record(request, enrolment, *, source, actor=None):
    """Send the form to the service: (saved, context of the form)."""
    try:
        survey.satisfaction_record(
            enrolment=enrolment, answers=request.POST, source=source, actor=actor
        )
    except ValidationError as exc:
        by_question = dict(exc.message_dict) if hasattr(exc, "error_dict") else {}
        general = by_question.pop(NON_FIELD_ERRORS, []) if by_question else exc.messages
        return False, {
            "questions": survey.survey_questions(chosen=request.POST, errors=by_question),
            "has_errors": True,
            "general_errors": general,
        }
    return True, {}


@learner_space
def learner_survey(request, learner):
    """The learner's own opinion of the track that is ending (or has ended)."""
    enrolment = survey.learner_survey_enrolment(learner)
    if enrolment is None:
        return redirect("cohorts:learner_home")
    context = {
        "learner": learner,
        "enrolment": enrolment,
        "questions": survey.survey_questions(chosen=survey.saved_choices(_answer_of(enrolment))),
    }
    if request.method == "POST":
        saved, form = _record(request, enrolment, source=SatisfactionAnswer.Source.SPACE)
        if saved:
            return redirect("cohorts:learner_survey_thanks")
        context.update(form)
    return render(
        request,
        "learner/survey.html",
        context,
        status=400 if context.get("has_errors") else 200,
    )


@learner_space
def learner_survey_thanks(request, learner):
    return render(request, "learner/survey_thanks.html", {"learner": learner})


@role_required(*STAFF)
def meeting_survey(request, meeting_id, learner_id):
    """At the last meeting, a learner answers on the trainer's device; then back to the
    meeting. The form starts empty even if the learner answered in their space: what they
    said there is theirs, not shown to the trainer."""
    meeting = meeting_get(actor=request.user, meeting_id=meeting_id)
    if meeting.status == Meeting.Status.CANCELLED or not services.meeting_is_last(meeting):
        raise Http404
    enrolment = get_object_or_404(
        Enrolment.objects.visible_to(request.user)
        .exclude(status=Enrolment.Status.DROPPED)
        .select_related("learner", "cohort__track", "satisfaction"),
        cohort_id=meeting.cohort_id,
        learner_id=learner_id,
    )
    context = {
        "meeting": meeting,
        "enrolment": enrolment,
        "learner": enrolment.learner,
        "answered_before": _answer_of(enrolment) is not None,
        "questions": survey.survey_questions(),
    }
    if request.method == "POST":
        saved, form = _record(
            request, enrolment, source=SatisfactionAnswer.Source.MEETING, actor=request.user
        )
        if saved:
            messages.success(
                request,
                _("Merci ! L'avis de %(name)s est enregistré.") % {"name": enrolment.learner},
            )
            return redirect(reverse("cohorts:meeting", args=[meeting.pk]) + "#avis")
        context.update(form)
    return render(
        request,
        "trainer/meeting_survey.html",
        context,
        status=400 if context.get("has_errors") else 200,
    )
