"""The page each role lands on, until the role's own issue fills it in."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Organisation, Role

SPACE_TITLES = {
    Role.COORDINATOR: _("Administration"),
    Role.TRAINER: _("Espace formateur"),
    Role.TECHNICIAN: _("Espace atelier"),
    Role.CPE: _("Espace CPE"),
    Role.PRESCRIBER: _("Espace prescripteur"),
    Role.FUNDER: _("Espace financeur"),
}


def other_spaces(user, current_role):
    from .views import ROLE_LANDING

    return [
        {"url": reverse(ROLE_LANDING[role]), "label": SPACE_TITLES[role]}
        for role in user.active_roles()
        if role != current_role
    ]


def render_role_space(request, *, role, intro, links=(), coming=()):
    organisations = Organisation.objects.visible_to(request.user).filter(
        memberships__user=request.user, memberships__role=role, memberships__is_active=True
    )
    return render(
        request,
        "accounts/role_space.html",
        {
            "title": SPACE_TITLES[role],
            "intro": intro,
            "organisations": organisations.distinct(),
            "links": links,
            "coming": coming,
            "other_spaces": other_spaces(request.user, role),
        },
    )
