"""The default diagnostic and the default orientation rules (idempotent).

The questionnaire's text is production content (diagnostics/content/); this module only
creates it, and the rules, when `load_demo` runs.
"""

from django.db import transaction

from courses.models import TrackPage
from diagnostics.content.loader import CONTENT_DIR, DEFAULT_SLUG, load_questionnaire
from diagnostics.models import OrientationRule, Questionnaire
from diagnostics.services import questionnaire_publish_version

# (priority, name, audience, level, goal, outcome, track slug, reason shown to the person)
DEFAULT_RULES = [
    (10, "Parents orientés par le collège", "parents", "", "", "track", "parents-scolarite-college",
     "Ce parcours au collège vous aide à suivre l'école de votre enfant."),
    (20, "Demandeur d'emploi débutant", "job_seekers", "beginner", "", "track",
     "emploi-numerique-debutant", "Ce parcours de 32 heures part des bases de l'emploi en ligne."),
    (21, "Demandeur d'emploi intermédiaire", "job_seekers", "intermediate", "", "track",
     "emploi-numerique-intermediaire", "Ce parcours de 24 heures renforce ce que vous savez déjà."),
    (22, "Demandeur d'emploi avancé", "job_seekers", "advanced", "", "track",
     "emploi-numerique-avance", "Ce parcours de 16 heures vous aide à aller plus loin."),
    (30, "Débutant", "", "beginner", "", "track", "cycle-initiation-numerique",
     "Vous débutez : le cycle de 9 séances vous apprend les bases, pas à pas."),
    (40, "Objectif démarches", "", "", "demarches", "track", "atelier-demarches-administratives",
     "Vous savez déjà utiliser un appareil : cet atelier vous aide pour vos démarches."),
    (41, "Objectif santé", "", "", "sante", "track", "atelier-sante-en-ligne",
     "Vous savez déjà utiliser un appareil : cet atelier parle de votre santé en ligne."),
    (42, "Objectif sécurité", "", "", "securite", "track", "atelier-securite-arnaques",
     "Vous savez déjà utiliser un appareil : cet atelier vous protège des arnaques."),
    (43, "Objectif garder le contact", "", "", "contact", "track", "atelier-communication",
     "Vous savez déjà utiliser un appareil : cet atelier vous aide à garder le contact."),
    (90, "Autonome : aide individuelle", "", "", "", "individual_help", "permanence-connectee",
     "Vous êtes déjà à l'aise : la permanence vous aide pour une question précise."),
]  # fmt: skip


@transaction.atomic
def load_diagnostics():
    """Create the default diagnostic and rules if missing; never overwrite edited ones."""
    questionnaire = load_default_questionnaire()
    load_rules()
    return questionnaire


def load_default_questionnaire():
    questionnaire = Questionnaire.objects.filter(slug=DEFAULT_SLUG).first()
    if questionnaire is None:
        data, questions = load_questionnaire(CONTENT_DIR / "diagnostic-autonomie.toml")
        questionnaire = Questionnaire(
            slug=data["slug"],
            title=data["title"],
            audience=data["audience"],
            intro=data["intro"],
            intermediate_from=data["intermediate_from"],
            advanced_from=data["advanced_from"],
            questions=questions,
        )
        questionnaire.full_clean()
        questionnaire.save()
    questionnaire_publish_version(questionnaire=questionnaire)
    questionnaire.refresh_from_db()
    return questionnaire


def load_rules():
    """The default orientation rules, from the field reports; a rule renamed or edited by a
    coordinator is left alone."""
    for priority, name, audience, level, goal, outcome, slug, reason in DEFAULT_RULES:
        if OrientationRule.objects.filter(name=name).exists():
            continue
        rule = OrientationRule(
            name=name,
            priority=priority,
            audience=audience,
            level=level,
            goal=goal,
            outcome=outcome,
            track=TrackPage.objects.filter(slug=slug).first(),
            reason=reason,
        )
        rule.full_clean()
        rule.save()
