"""The funders' space: aggregates only."""

from django.utils.translation import gettext_lazy as _

from accounts.decorators import role_required
from accounts.models import Role
from accounts.spaces import render_role_space


@role_required(Role.FUNDER)
def funder_home(request):
    return render_role_space(
        request,
        role=Role.FUNDER,
        intro=_("Ici, vous suivez les dispositifs que vous financez, en chiffres globaux."),
        coming=[
            _("Heures délivrées, personnes accompagnées, parcours terminés"),
            _("Ordinateurs remis"),
        ],
    )
