"""One definition per figure of a funder report, printed in the report itself (its glossary
page). The keys are those of `reports.figures.figures`; a test checks that they match one
for one, so a figure cannot be added without saying what it counts."""

from django.utils.translation import gettext_lazy as _

# The national activity report's age bands (the age reached in the year the period ends,
# since only the year of birth is known). "12-18 ans" stops before 18, where "18-24 ans"
# starts: each person falls in exactly one band.
AGE_BANDS = [
    ("under_12", _("Moins de 12 ans")),
    ("12_18", _("12-18 ans")),
    ("18_24", _("18-24 ans")),
    ("25_39", _("25-39 ans")),
    ("40_59", _("40-59 ans")),
    ("60_69", _("60-69 ans")),
    ("70_plus", _("70 ans et plus")),
    ("unknown", _("Non communiqué")),
]

GENDERS = [
    ("F", _("Femme")),
    ("M", _("Homme")),
    ("unknown", _("Non communiqué")),
]

# The period is always the report's period (first and last day included); the scope is one
# programme, one funder's programmes, one structure, or a network and its member structures.
GLOSSARY = [
    {
        "key": "people_helped",
        "label": _("Personnes accompagnées"),
        "definition": _(
            "Nombre de personnes différentes présentes (ou en retard) à au moins une séance "
            "tenue dans la période, ou reçues en aide individuelle dans la période. Une "
            "personne venue plusieurs fois compte une fois ; une aide individuelle sans "
            "personne notée ne compte pas."
        ),
    },
    {
        "key": "new_people",
        "label": _("Nouvelles personnes"),
        "definition": _(
            "Parmi les personnes accompagnées, celles dont la fiche a été créée dans la période."
        ),
    },
    {
        "key": "enrolments",
        "label": _("Inscriptions"),
        "definition": _(
            "Nombre d'inscriptions à un groupe faites dans la période, abandons compris."
        ),
    },
    {
        "key": "enrolments_in_ended_tracks",
        "label": _("Inscrits des parcours terminés"),
        "definition": _(
            "Inscriptions (abandons compris) aux groupes dont la dernière séance non annulée "
            "a eu lieu dans la période. Les permanences, sans fin de parcours, n'en font pas "
            "partie."
        ),
    },
    {
        "key": "tracks_completed",
        "label": _("Parcours terminés"),
        "definition": _(
            "Parmi ces inscriptions, celles qui remplissent la règle de fin du parcours (toutes "
            "les séances, les séances obligatoires, ou une part minimale des heures), "
            "abandons exclus. C'est la règle qui décide de la remise de l'ordinateur."
        ),
    },
    {
        "key": "completion_rate",
        "label": _("Taux de parcours terminés"),
        "definition": _(
            "Parcours terminés divisés par les inscrits des parcours terminés, en pourcentage."
        ),
    },
    {
        "key": "places",
        "label": _("Places ouvertes"),
        "definition": _(
            "Somme des places des groupes qui ont au moins une séance non annulée dans la période."
        ),
    },
    {
        "key": "places_taken",
        "label": _("Places occupées"),
        "definition": _(
            "Inscriptions à ces groupes, abandons exclus (une place libérée par un abandon "
            "peut être redonnée)."
        ),
    },
    {
        "key": "fill_rate",
        "label": _("Taux de remplissage"),
        "definition": _("Places occupées divisées par les places ouvertes, en pourcentage."),
    },
    {
        "key": "target_places",
        "label": _("Places prévues"),
        "definition": _(
            "Somme des places prévues par les dispositifs concernés dont les dates croisent la "
            "période, telles que saisies sur le dispositif."
        ),
    },
    {
        "key": "target_hours",
        "label": _("Heures prévues"),
        "definition": _("Somme des heures prévues par ces mêmes dispositifs, telles que saisies."),
    },
    {
        "key": "group_hours",
        "label": _("Heures de séances collectives"),
        "definition": _(
            "Durée prévue des séances tenues dans la période, additionnée : une séance de "
            "2 heures compte 2 heures quel que soit le nombre de présents. Les séances "
            "annulées ou pas encore tenues ne comptent pas."
        ),
    },
    {
        "key": "learner_hours",
        "label": _("Heures-apprenants"),
        "definition": _(
            "Minutes suivies par chaque personne présente ou en retard aux séances tenues dans "
            "la période, additionnées : les minutes notées en fin de séance, sinon la durée de "
            "la séance moins le retard."
        ),
    },
    {
        "key": "individual_help_hours",
        "label": _("Heures d'aide individuelle"),
        "definition": _(
            "Durée des aides individuelles de la période (permanences, installations à "
            "domicile, aides à distance), additionnée. Pour un dispositif ou un financeur, "
            "seules comptent les aides rattachées à un groupe de ce dispositif."
        ),
    },
    {
        "key": "individual_help_hours_by_place",
        "label": _("Heures d'aide individuelle par lieu"),
        "definition": _(
            "Les mêmes heures, réparties entre le lieu d'activité, le domicile et l'aide à "
            "distance."
        ),
    },
    {
        "key": "devices_distributed",
        "label": _("Appareils remis"),
        "definition": _(
            "Nombre de remises d'appareils faites dans la période à des personnes inscrites "
            "dans les groupes concernés, qu'il s'agisse d'un don, d'un prêt ou d'une vente "
            "solidaire. Un prêt rendu ou racheté reste compté une fois."
        ),
    },
    {
        "key": "devices_by_formula",
        "label": _("Appareils remis par formule"),
        "definition": _("Les mêmes remises, réparties entre don, prêt et vente solidaire."),
    },
    {
        "key": "devices_by_kind",
        "label": _("Appareils remis par type"),
        "definition": _(
            "Les mêmes remises, réparties par type d'appareil (ordinateur portable, fixe, "
            "tablette, téléphone…)."
        ),
    },
    {
        "key": "devices_by_formula_and_kind",
        "label": _("Appareils remis par formule et par type"),
        "definition": _("Les mêmes remises, croisées par formule et par type d'appareil."),
    },
    {
        "key": "devices_value",
        "label": _("Valeur des appareils remis"),
        "definition": _(
            "Somme, pour ces remises, du prix de vente quand l'appareil est vendu, sinon du "
            "prix solidaire de l'appareil ; un appareil sans prix compte zéro."
        ),
    },
    {
        "key": "devices_paid_by_learners",
        "label": _("Part payée par les personnes"),
        "definition": _("Somme des parts payées par les personnes sur ces remises."),
    },
    {
        "key": "funder_shares",
        "label": _("Part payée par chaque financeur"),
        "definition": _(
            "Somme, par financeur, des parts de prix que les financeurs ont prises en charge "
            "sur ces remises (un financeur peut payer sur une remise d'un autre dispositif)."
        ),
    },
    {
        "key": "qpv",
        "label": _("Personnes habitant un quartier prioritaire (QPV)"),
        "definition": _(
            "Parmi les personnes accompagnées, nombre et part de celles dont la fiche indique "
            "qu'elles habitent un QPV."
        ),
    },
    {
        "key": "rsa",
        "label": _("Personnes au RSA"),
        "definition": _(
            "Parmi les personnes accompagnées, nombre et part de celles dont la fiche indique "
            "qu'elles reçoivent le RSA."
        ),
    },
    {
        "key": "job_seekers",
        "label": _("Demandeurs d'emploi"),
        "definition": _(
            "Parmi les personnes accompagnées, nombre et part de celles dont la fiche indique "
            "qu'elles sont demandeuses d'emploi."
        ),
    },
    {
        "key": "age_bands",
        "label": _("Tranches d'âge"),
        "definition": _(
            "Les personnes accompagnées par tranche d'âge du rapport d'activité national, "
            "l'âge étant celui atteint dans l'année où finit la période (seule l'année de "
            "naissance est connue). « 12-18 ans » s'arrête à 17 ans."
        ),
    },
    {
        "key": "genders",
        "label": _("Genre"),
        "definition": _("Les personnes accompagnées par genre : femme, homme, ou non communiqué."),
    },
    {
        "key": "satisfaction",
        "label": _("Satisfaction"),
        "definition": _(
            "Avis de fin de parcours donnés dans la période par les personnes des groupes "
            "concernés : nombre de réponses et, pour chaque question, les « oui », « un peu » "
            "et « non ». Vide tant que le questionnaire de satisfaction n'existe pas."
        ),
    },
    {
        "key": "diagnostic_people",
        "label": _("Personnes avec deux diagnostics"),
        "definition": _(
            "Personnes accompagnées qui ont, sur leur accès apprenant, un diagnostic d'entrée "
            "terminé et un diagnostic de fin de parcours terminé dans la période. On compare "
            "le premier diagnostic d'entrée au dernier diagnostic de fin."
        ),
    },
    {
        "key": "diagnostic_moved_up",
        "label": _("Personnes qui ont gagné un niveau"),
        "definition": _(
            "Parmi elles, celles dont le niveau de fin (débutant, intermédiaire, avancé) est "
            "plus haut que le niveau d'entrée."
        ),
    },
    {
        "key": "diagnostic_mean_gain_by_domain",
        "label": _("Progrès moyen par domaine"),
        "definition": _(
            "Pour chaque domaine de compétences noté dans les deux diagnostics, la moyenne de "
            "l'écart entre le score de fin et le score d'entrée, en points de pourcentage."
        ),
    },
    {
        "key": "referrals_by_prescriber_kind",
        "label": _("Orientations par type de prescripteur"),
        "definition": _(
            "Orientations envoyées dans la période aux structures concernées (pour un "
            "dispositif : celles des personnes inscrites dans ses groupes), par type de "
            "service prescripteur : en attente, acceptées, refusées, et combien de personnes "
            "orientées ont été accompagnées dans la période."
        ),
    },
]

GLOSSARY_KEYS = [entry["key"] for entry in GLOSSARY]


def glossary_entry(key):
    """The entry for a figure: its label and its definition."""
    return next(entry for entry in GLOSSARY if entry["key"] == key)
