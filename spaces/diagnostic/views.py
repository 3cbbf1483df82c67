"""Taking a diagnostic, one question per screen, and its result."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from wagtail.images import get_image_model

from accounts.decorators import learner_required, role_required
from accounts.models import Organisation, Role
from accounts.scoping import LEARNER_ACCESS_ROLES, organisation_ids_for
from courses.models import Competence, TrackPage
from diagnostics import selectors, services
from diagnostics.content.loader import DEFAULT_SLUG
from diagnostics.models import Assessment, Questionnaire

from .forms import AssistedStartForm


@role_required(Role.TRAINER, Role.COORDINATOR)
def assisted_start(request):
    """A trainer starts a diagnostic with a person at the registration appointment."""
    organisations = Organisation.objects.filter(
        pk__in=organisation_ids_for(request.user, LEARNER_ACCESS_ROLES)
    ).order_by("name")
    form = AssistedStartForm(request.POST or None, user=request.user, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        account = data["learner_account"]
        assessment = services.assessment_start(
            actor=request.user,
            organisation=form.organisations[data["organisation"]],
            questionnaire=data["questionnaire"],
            mode=Assessment.Mode.ASSISTED,
            audience=data["audience"],
            phase=data["phase"],
            learner_user=account.user if account else None,
            person_name=data["person_name"] or (account.user.get_full_name() if account else ""),
        )
        return redirect("diagnostics:question", assessment.pk)
    recent = (
        Assessment.objects.visible_to(request.user)
        .filter(mode=Assessment.Mode.ASSISTED)
        .select_related("learner_user")
        .order_by("-started_at")[:20]
    )
    return render(request, "diagnostic/start.html", {"form": form, "recent": recent})


@learner_required
def self_start(request):
    """A learner takes the diagnostic alone, or resumes the one in progress."""
    account = request.user.learner_account
    ongoing = (
        Assessment.objects.filter(learner_user=request.user, status=Assessment.Status.IN_PROGRESS)
        .order_by("-started_at")
        .first()
    )
    if ongoing is not None:
        return redirect("diagnostics:question", ongoing.pk)
    if request.method == "POST":
        questionnaire = get_object_or_404(Questionnaire, slug=DEFAULT_SLUG)
        assessment = services.assessment_start(
            actor=request.user,
            organisation=account.organisation,
            questionnaire=questionnaire,
            mode=Assessment.Mode.SELF,
            learner_user=request.user,
            person_name=request.user.get_full_name(),
        )
        return redirect("diagnostics:question", assessment.pk)
    questionnaire = Questionnaire.objects.filter(slug=DEFAULT_SLUG).first()
    done = Assessment.objects.filter(
        learner_user=request.user, status=Assessment.Status.COMPLETED
    ).order_by("-completed_at")
    return render(
        request, "diagnostic/self_start.html", {"questionnaire": questionnaire, "done": done}
    )


def _can_take(user, assessment):
    if assessment.mode == Assessment.Mode.SELF:
        return assessment.learner_user_id == user.pk
    return not user.is_learner


def question(request, assessment_id):
    """One question per screen; POST records the answer and goes to the next one."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    assessment = selectors.assessment_get(actor=request.user, assessment_id=assessment_id)
    if not _can_take(request.user, assessment):
        raise PermissionDenied
    if assessment.status == Assessment.Status.COMPLETED:
        return redirect("diagnostics:result", assessment.pk)
    questions = services.assessment_questions(assessment)
    next_index, _next = services.assessment_next_question(assessment)
    try:
        index = int(request.GET.get("q", next_index if next_index is not None else len(questions)))
    except ValueError:
        index = next_index or 0
    if index >= len(questions) or index < 0:
        return render(
            request, "diagnostic/review.html", {"assessment": assessment, "total": len(questions)}
        )
    current = questions[index]
    error = None
    if request.method == "POST":
        value = (
            request.POST.getlist("answer")
            if current["multiple"]
            else request.POST.get("answer", "")
        )
        try:
            services.assessment_answer(
                actor=request.user, assessment_id=assessment.pk, key=current["key"], value=value
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            return redirect(
                f"{reverse('diagnostics:question', args=[assessment.pk])}?q={index + 1}"
            )
    picture = None
    if current.get("image_id"):
        image = get_image_model().objects.filter(pk=current["image_id"]).first()
        picture = image.get_rendition("max-640x400|format-webp") if image else None
    given = assessment.answers.get(current["key"])
    selected = given if isinstance(given, list) else [given] if given else []
    return render(
        request,
        "diagnostic/question.html",
        {
            "assessment": assessment,
            "question": current,
            "index": index,
            "number": index + 1,
            "total": len(questions),
            "selected": selected,
            "error": error,
            "answered": len(assessment.answers),
            "picture": picture,
        },
        status=400 if error else 200,
    )


@require_POST
def complete(request, assessment_id):
    if not request.user.is_authenticated:
        raise PermissionDenied
    assessment = selectors.assessment_get(actor=request.user, assessment_id=assessment_id)
    if not _can_take(request.user, assessment):
        raise PermissionDenied
    try:
        services.assessment_complete(actor=request.user, assessment_id=assessment.pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("diagnostics:question", assessment.pk)
    return redirect("diagnostics:result", assessment.pk)


def result(request, assessment_id):
    """Level, a bar per domain, the recommendation and the needs to act on."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={request.path}")
    assessment = selectors.assessment_get(actor=request.user, assessment_id=assessment_id)
    if assessment.status != Assessment.Status.COMPLETED:
        return redirect("diagnostics:question", assessment.pk)
    domain_names = dict(Competence.Domain.choices)
    bars = [
        {
            "name": domain_names.get(domain, domain),
            "score": score,
            "max": maximum,
            "percent": round(100 * score / maximum) if maximum else 0,
        }
        for domain, (score, maximum) in sorted(assessment.domain_scores.items())
    ]
    tracks = TrackPage.objects.live().filter(
        pk__in=[t["id"] for t in assessment.recommendation.get("tracks", [])]
    )
    return render(
        request,
        "diagnostic/result.html",
        {
            "assessment": assessment,
            "bars": bars,
            "tracks": tracks,
            "percent": round(100 * assessment.score / assessment.score_max)
            if assessment.score_max
            else 0,
        },
    )
