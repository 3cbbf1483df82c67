"""Admin: the competence framework as snippets."""

from django.utils.translation import gettext_lazy as _
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
