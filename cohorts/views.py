"""The trainer, CPE, prescriber and learner spaces."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.decorators import learner_required, role_required
from accounts.models import Role
from accounts.spaces import render_role_space


@role_required(Role.TRAINER)
def trainer_home(request):
    return render_role_space(
        request,
        role=Role.TRAINER,
        intro=_("Ici, vous préparez et animez vos séances de groupe."),
        links=[
            {
                "url": reverse("courses:trainer_catalogue"),
                "label": _("Parcours et déroulés"),
                "hint": _("Le déroulé de chaque séance, minute par minute, et les fiches."),
            },
            {
                "url": reverse("diagnostics:assisted_start"),
                "label": _("Diagnostic d'autonomie"),
                "hint": _("Le faire passer à une personne qui s'inscrit."),
            },
            {
                "url": reverse("accounts:learner_accounts"),
                "label": _("Accès des apprenants"),
                "hint": _("Donner un nouveau code PIN à une personne."),
            },
        ],
        coming=[
            _("Les séances du jour et à venir"),
            _("L'appel des présents, d'un geste par personne"),
        ],
    )


@role_required(Role.CPE)
def cpe_home(request):
    return render_role_space(
        request,
        role=Role.CPE,
        intro=_("Ici, vous inscrivez les familles au parcours parents de votre collège."),
        coming=[
            _("Inscrire une famille qui n'a pas activé Pronote"),
            _("Suivre la présence des familles"),
        ],
    )


@role_required(Role.PRESCRIBER)
def prescriber_home(request):
    return render_role_space(
        request,
        role=Role.PRESCRIBER,
        intro=_("Ici, vous orientez une personne vers une formation ou un équipement."),
        coming=[
            _("Orienter une personne"),
            _("Suivre vos orientations"),
        ],
    )


@learner_required
def learner_home(request):
    return render(request, "cohorts/learner_home.html", {"account": request.user.learner_account})
