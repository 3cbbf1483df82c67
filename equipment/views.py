"""The workshop technicians' space."""

from django.utils.translation import gettext_lazy as _

from accounts.decorators import role_required
from accounts.models import Role
from accounts.spaces import render_role_space


@role_required(Role.TECHNICIAN)
def technician_home(request):
    return render_role_space(
        request,
        role=Role.TECHNICIAN,
        intro=_("Ici, vous suivez les ordinateurs de l'atelier, du don à la remise."),
        coming=[
            _("Enregistrer un ordinateur reçu"),
            _("Noter l'effacement des données et son certificat"),
            _("Imprimer les étiquettes"),
        ],
    )
