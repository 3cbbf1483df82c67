"""The reference framework: PIX / CRCN (5 domains, 16 competences) and basic skills.

Used by a migration (historical model) and by tests after a database flush.
"""

COMPETENCES = [
    (
        "B.1",
        "0",
        "Allumer, éteindre et brancher un appareil",
        "Allumer et éteindre un ordinateur, une tablette ou un téléphone ; le brancher et le recharger.",
    ),
    (
        "B.2",
        "0",
        "Utiliser une souris ou un pavé tactile",
        "Déplacer le pointeur, cliquer, double-cliquer, faire un clic droit, faire défiler.",
    ),
    (
        "B.3",
        "0",
        "Utiliser un clavier",
        "Taper des lettres et des chiffres, les majuscules, les accents, @, effacer, valider.",
    ),
    (
        "B.4",
        "0",
        "Utiliser un écran tactile",
        "Toucher, glisser, faire défiler, zoomer avec deux doigts, revenir en arrière.",
    ),
    (
        "B.5",
        "0",
        "Se connecter à un réseau Wi-Fi",
        "Choisir un réseau, saisir la clé, reconnaître une connexion qui marche.",
    ),
    (
        "B.6",
        "0",
        "Se repérer sur l'écran",
        "Reconnaître le bureau, les fenêtres, les icônes, la barre des tâches et les menus.",
    ),
    ("1.1", "1", "Mener une recherche et une veille d'information", ""),
    ("1.2", "1", "Gérer des données", ""),
    ("1.3", "1", "Traiter des données", ""),
    ("2.1", "2", "Interagir", ""),
    ("2.2", "2", "Partager et publier", ""),
    ("2.3", "2", "Collaborer", ""),
    ("2.4", "2", "S'insérer dans le monde numérique", ""),
    ("3.1", "3", "Développer des documents textuels", ""),
    ("3.2", "3", "Développer des documents multimédia", ""),
    ("3.3", "3", "Adapter les documents à leur finalité", ""),
    ("3.4", "3", "Programmer", ""),
    ("4.1", "4", "Sécuriser l'environnement numérique", ""),
    ("4.2", "4", "Protéger les données personnelles et la vie privée", ""),
    ("4.3", "4", "Protéger la santé, le bien-être et l'environnement", ""),
    ("5.1", "5", "Résoudre des problèmes techniques", ""),
    ("5.2", "5", "Construire un environnement numérique", ""),
]


def competences_ensure(Competence):  # noqa: N803
    """Create the framework's competences that are missing; leave edited ones alone."""
    for code, domain, name, description in COMPETENCES:
        Competence.objects.get_or_create(
            code=code, defaults={"domain": domain, "name": name, "description": description}
        )
