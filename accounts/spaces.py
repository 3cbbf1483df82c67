"""Where each role lands and what its space is called, for the log-in redirect and the links
to a person's other spaces."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Role

# Where each role lands after log-in, strongest role first (Role's order).
ROLE_LANDING = {
    Role.COORDINATOR: "wagtailadmin_home",
    Role.TRAINER: "cohorts:trainer_home",
    Role.TECHNICIAN: "equipment:technician_home",
    Role.CPE: "cohorts:cpe_home",
    Role.PRESCRIBER: "cohorts:prescriber_home",
    Role.FUNDER: "reports:funder_home",
}

SPACE_TITLES = {
    Role.COORDINATOR: _("Administration"),
    Role.TRAINER: _("Espace formateur"),
    Role.TECHNICIAN: _("Espace atelier"),
    Role.CPE: _("Espace CPE"),
    Role.PRESCRIBER: _("Espace prescripteur"),
    Role.FUNDER: _("Espace financeur"),
}


def other_spaces(user, current_role):
    return [
        {"url": reverse(ROLE_LANDING[role]), "label": SPACE_TITLES[role]}
        for role in user.active_roles()
        if role != current_role
    ]
