"""Blocks of session plans: timed steps, vocabulary, and the learner's handout."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class ActivityType(blocks.ChoiceBlock):
    choices = [
        ("presentation", _("Présentation")),
        ("demonstration", _("Démonstration")),
        ("guided_practice", _("Pratique guidée")),
        ("group_game", _("Jeu en groupe")),
        ("quiz", _("Quiz")),
        ("exercise", _("Exercice")),
        ("break", _("Pause")),
        ("recap", _("Récapitulatif")),
    ]


ACTIVITY_LABELS = dict(ActivityType.choices)


class StepBlock(blocks.StructBlock):
    """One timed step of a session plan, written for a volunteer trainer."""

    title = blocks.CharBlock(label=_("titre"), max_length=150)
    duration = blocks.IntegerBlock(label=_("durée (minutes)"), min_value=1, max_value=480)
    activity = ActivityType(label=_("type d'activité"))
    instructions = blocks.TextBlock(
        label=_("consignes pour le formateur"),
        help_text=_("Ce qu'il faut dire et faire, concrètement."),
    )
    materials = blocks.CharBlock(label=_("matériel à prévoir"), required=False, max_length=300)

    class Meta:
        icon = "time"
        label = _("Étape")
        template = "courses/blocks/step.html"
        description = _("Une étape de la séance, avec sa durée.")
        preview_value = {
            "title": "Accueil et tour de table",
            "duration": 10,
            "activity": "presentation",
            "instructions": "Chaque personne dit son prénom et ce qu'elle veut apprendre.",
        }


class VocabularyBlock(blocks.StructBlock):
    """A word of the day and its plain-French definition."""

    term = blocks.CharBlock(label=_("mot"), max_length=80)
    definition = blocks.CharBlock(label=_("définition simple"), max_length=300)

    class Meta:
        icon = "openquote"
        label = _("Mot")
        template = "courses/blocks/vocabulary.html"
        description = _("Un mot de la séance et sa définition en mots simples.")
        preview_value = {"term": "Souris", "definition": "Elle déplace la flèche sur l'écran."}


class HandoutStreamBlock(blocks.StreamBlock):
    """The summary sheet (fiche récapitulative): what I learnt, what to redo at home."""

    learnt = blocks.ListBlock(
        blocks.CharBlock(label=_("phrase")),
        label=_("Ce que j'ai appris"),
        icon="tick",
    )
    home_steps = blocks.ListBlock(
        blocks.CharBlock(label=_("étape")),
        label=_("À refaire chez moi"),
        icon="list-ol",
    )
    tip = blocks.TextBlock(label=_("Conseil"), icon="warning")
    paragraph = blocks.RichTextBlock(
        label=_("Texte"), features=["bold", "italic", "ol", "ul", "link"], icon="pilcrow"
    )
    image = blocks.StructBlock(
        [
            ("image", ImageChooserBlock(label=_("image"))),
            ("alt", blocks.CharBlock(label=_("texte de remplacement"))),
        ],
        label=_("Image"),
        icon="image",
    )

    class Meta:
        template = "courses/blocks/handout.html"
