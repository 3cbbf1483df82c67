"""Questions of a diagnostic questionnaire, edited as a StreamField."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

KIND_CHOICES = [
    ("observed_task", _("Tâche observée par le formateur")),
    ("yes_no_help", _("Oui / avec de l'aide / non")),
    ("self_scale", _("Auto-évaluation (échelle)")),
    ("single_choice", _("Choix unique")),
    ("need", _("Besoin (sans points)")),
]
NEED_CHOICES = [
    ("equipment", _("Équipement à la maison")),
    ("internet", _("Connexion à la maison")),
    ("goals", _("Objectifs")),
    ("language", _("Langue préférée")),
    ("reads_french", _("Lit le français")),
]


class AnswerBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("code"), max_length=40, help_text=_("Sans espace : oui, non…"))
    label = blocks.CharBlock(label=_("réponse affichée"), max_length=120)
    points = blocks.IntegerBlock(label=_("points"), min_value=0, max_value=10, default=0)

    class Meta:
        icon = "radio-empty"
        label = _("Réponse")


class QuestionBlock(blocks.StructBlock):
    """One question: its text in plain French, its kind, its competence and its answers."""

    key = blocks.CharBlock(
        label=_("identifiant"),
        max_length=60,
        help_text=_("Unique et stable : il relie les réponses d'une version à l'autre."),
    )
    kind = blocks.ChoiceBlock(choices=KIND_CHOICES, label=_("type"))
    text = blocks.CharBlock(label=_("question"), max_length=300)
    observation = blocks.CharBlock(
        label=_("ce que le formateur observe"), max_length=300, required=False
    )
    image = ImageChooserBlock(label=_("image"), required=False)
    competence = SnippetChooserBlock("courses.Competence", label=_("compétence"), required=False)
    need = blocks.ChoiceBlock(choices=NEED_CHOICES, label=_("besoin"), required=False)
    multiple = blocks.BooleanBlock(label=_("plusieurs réponses possibles"), required=False)
    answers = blocks.ListBlock(AnswerBlock(), label=_("réponses"), min_num=2)

    class Meta:
        icon = "help"
        label = _("Question")
        description = _("Une question du diagnostic et ses réponses.")
