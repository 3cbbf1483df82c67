"""Admin menu entries for coordinators."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_admin_menu_item")
def learner_access_menu_item():
    return MenuItem(
        _("Accès des apprenants"),
        reverse("accounts:learner_accounts"),
        icon_name="key",
        order=900,
    )
