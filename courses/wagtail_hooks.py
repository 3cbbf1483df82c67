"""Admin: the competence framework as snippets."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Competence


class CompetenceViewSet(SnippetViewSet):
    model = Competence
    icon = "tick-inverse"
    menu_label = _("Compétences")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["code", "name", "domain"]
    list_filter = ["domain"]
    search_fields = ["name", "code"]
    ordering = ["domain", "code"]


register_snippet(CompetenceViewSet)


@hooks.register("register_admin_menu_item")
def session_plans_menu_item():
    return MenuItem(
        _("Déroulés des séances"),
        reverse("courses:trainer_catalogue"),
        icon_name="list-ol",
        order=250,
    )
