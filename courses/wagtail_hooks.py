"""Admin: the competence framework and the H5P exercises as snippets."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.widgets.button import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from .h5p.addresses import content_id
from .h5p.admin_forms import H5PActivityAdminForm
from .models import Competence, H5PActivity, SessionPlanPage


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


def activity_sessions(activity):
    return ", ".join(f"{plan.number}. {plan.title}" for plan in activity.session_plans.all())


class H5PActivityIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        player = reverse("h5p_player", args=[content_id(instance)])
        return [
            ListingButton(
                _("Essayer"),
                url=player,
                icon_name="view",
                attrs={"target": "_blank", "rel": "noopener"},
                priority=5,
            ),
            *super().get_list_more_buttons(instance),
        ]


class H5PActivityViewSet(SnippetViewSet):
    """Exercises uploaded as `.h5p` packages, checked before anything is stored."""

    model = H5PActivity
    icon = "form"
    menu_label = _("Exercices H5P")
    menu_order = 310
    add_to_admin_menu = True
    index_view_class = H5PActivityIndexView
    copy_view_enabled = False
    list_display = [
        "title",
        "main_library",
        Column("sessions", label=_("Séances"), accessor=activity_sessions),
        BooleanColumn("is_active", label=_("Proposé"), sort_key="is_active"),
    ]
    list_filter = ["is_active"]
    search_fields = ["title"]
    ordering = ["title"]
    edit_handler = ObjectList(
        [
            FieldPanel("upload"),
            FieldPanel("title"),
            FieldPanel("instructions"),
            FieldPanel("competences"),
            FieldPanel("session_plans"),
            FieldPanel("is_active"),
        ],
        base_form_class=H5PActivityAdminForm,
    )

    def get_queryset(self, request):
        return H5PActivity.objects.prefetch_related(
            Prefetch("session_plans", queryset=SessionPlanPage.objects.order_by("path"))
        )


register_snippet(H5PActivityViewSet)


@hooks.register("register_admin_menu_item")
def session_plans_menu_item():
    return MenuItem(
        _("Déroulés des séances"),
        reverse("courses:trainer_catalogue"),
        icon_name="list-ol",
        order=250,
    )
