"""The coordinator's pages on one learner's personal data (the file, its export as JSON and
PDF, erasure) and the public privacy notice."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts.decorators import role_required
from accounts.models import Role
from cohorts import audit
from privacy import selectors, services
from privacy.printables import LearnerFilePrintable

ERASE_CONFIRM_MISSING = _("Cochez la case pour confirmer l'effacement.")


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@role_required(Role.COORDINATOR)
def learner_file(request, learner_id):
    """What Tremplin holds about one learner, who looked at it, and the actions."""
    learner = selectors.learner_file_get(actor=request.user, learner_id=learner_id)
    audit.record(actor=request.user, learner=learner, action=audit.Action.VIEWED, detail="privacy")
    return render(
        request,
        "coordinator/learner_file.html",
        {
            "learner": learner,
            "erased": services.learner_is_erased(learner),
            "summary": selectors.learner_file_summary(learner=learner),
            "audit_entries": selectors.learner_audit(actor=request.user, learner=learner),
        },
    )


@role_required(Role.COORDINATOR)
def learner_export_json(request, learner_id):
    learner = selectors.learner_file_get(actor=request.user, learner_id=learner_id)
    data = services.learner_export(actor=request.user, learner=learner, detail="json")
    return _download(
        services.export_json(data),
        "application/json; charset=utf-8",
        f"dossier-apprenant-{learner.pk}.json",
    )


@role_required(Role.COORDINATOR)
def learner_export_pdf(request, learner_id):
    learner = selectors.learner_file_get(actor=request.user, learner_id=learner_id)
    data = services.learner_export(actor=request.user, learner=learner, detail="pdf")
    printable = LearnerFilePrintable(
        learner=learner, data=data, site=getattr(request, "site", None)
    )
    return _download(printable.render(), "application/pdf", printable.filename())


@never_cache
@role_required(Role.COORDINATOR)
def learner_erase(request, learner_id):
    """GET: what erasure removes and keeps, and a form to confirm. POST: erase."""
    learner = selectors.learner_file_get(actor=request.user, learner_id=learner_id)
    errors = []
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            errors.append(ERASE_CONFIRM_MISSING)
        else:
            try:
                services.learner_erase(
                    actor=request.user, learner_id=learner.pk, detail="coordination"
                )
            except ValidationError as error:
                errors.extend(error.messages)
            else:
                messages.success(
                    request,
                    _(
                        "Les données personnelles sont effacées. Les chiffres anonymes "
                        "(présences, heures, appareils, niveaux) restent dans les bilans."
                    ),
                )
                return redirect("privacy:learner_file", learner.pk)
    return render(
        request,
        "coordinator/learner_erase.html",
        {
            "learner": learner,
            "erased": services.learner_is_erased(learner),
            "errors": errors,
        },
        status=400 if errors else 200,
    )


def privacy_notice(request):
    """The public notice, in plain French (FALC): what is kept, why, how long, whom to ask."""
    return render(
        request,
        "coordinator/privacy_notice.html",
        {"retention_years": round(settings.PRIVACY_RETENTION_DAYS / 365)},
    )
