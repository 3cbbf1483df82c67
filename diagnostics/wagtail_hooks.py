"""Admin: questionnaires and orientation rules as snippets; every save makes a version."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import OrientationRule, Questionnaire
from .services import questionnaire_publish_version


class QuestionnaireViewSet(SnippetViewSet):
    model = Questionnaire
    icon = "clipboard-list"
    menu_label = _("Questionnaires")
    list_display = ["title", "audience", "current_version"]


class OrientationRuleViewSet(SnippetViewSet):
    model = OrientationRule
    icon = "resubmit"
    menu_label = _("Règles d'orientation")
    list_display = [
        "priority",
        "name",
        "audience",
        "level",
        "goal",
        "outcome",
        "track",
        "is_active",
    ]
    ordering = ["priority", "pk"]


class DiagnosticsViewSetGroup(SnippetViewSetGroup):
    items = (QuestionnaireViewSet, OrientationRuleViewSet)
    menu_icon = "clipboard-list"
    menu_label = _("Diagnostic")
    menu_order = 310


register_snippet(DiagnosticsViewSetGroup)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def publish_questionnaire_version(request, instance):
    if isinstance(instance, Questionnaire):
        questionnaire_publish_version(questionnaire=instance, actor=request.user)
