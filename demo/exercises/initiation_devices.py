"""The demo exercises of the initiation cycle's sessions 1 to 4: the computer, the mouse,
the keyboard, the phone and the browser."""

from .pictures.computer_screens import BROWSER_ZONES, DESKTOP_ZONES, SEARCH_ZONES, WINDOW_ZONES
from .pictures.phone_screens import PHONE_HOME_ZONES, PHONE_WIFI_ZONES
from .questions import (
    BACK,
    BIN,
    CLOCK,
    INITIATION,
    NEW_TAB,
    STAR,
    START,
    choice,
    order,
    right,
    spot,
    wrong,
)

INITIATION_DEVICES = [
    # ------------------------------------------------ Cycle d'initiation, séance 1
    {
        "track": INITIATION,
        "session": 1,
        "kind": "single_choice",
        "title": "L'ordinateur et la souris",
        "competences": ["B.1", "B.2"],
        "questions": [
            choice(
                "Avec quel objet bougez-vous la flèche sur l'écran ?",
                right("La souris", "souris.svg"),
                wrong("Le clavier", "clavier.svg"),
                wrong("Le téléphone", "telephone.svg"),
            ),
            choice(
                "Avec quel bouton de la souris faites-vous un clic ?",
                right("Le bouton de gauche"),
                wrong("Le bouton de droite"),
                wrong("La roulette, au milieu"),
                image="souris.svg",
            ),
            choice(
                "Qu'est-ce qu'un double-clic ?",
                right("J'appuie deux fois très vite sur le bouton de gauche."),
                wrong("J'appuie une fois sur le bouton de droite."),
                wrong("Je garde le bouton appuyé longtemps."),
            ),
            choice(
                "La souris arrive au bord du tapis. Que faites-vous ?",
                right("Je soulève la souris. Je la repose au milieu du tapis."),
                wrong("Je débranche la souris."),
                wrong("J'éteins l'ordinateur."),
            ),
            choice(
                "Vous avez fini. Comment éteignez-vous l'ordinateur ?",
                right(
                    "Je clique sur « Démarrer », puis sur le bouton marche, puis sur « Arrêter »."
                ),
                wrong("Je ferme l'écran d'un coup."),
                wrong("Je débranche le chargeur."),
                image="ordinateur-portable.svg",
            ),
        ],
    },
    {
        "track": INITIATION,
        "session": 1,
        "kind": "hotspot",
        "title": "Se repérer sur l'écran de l'ordinateur",
        "competences": ["B.6", "B.2"],
        "questions": [
            spot(
                "Vous voulez ouvrir le menu « Démarrer ». Où touchez-vous ?",
                "bureau.svg",
                DESKTOP_ZONES,
                "start",
                START,
                CLOCK,
                BIN,
            ),
            spot(
                "Vous voulez savoir l'heure. Où regardez-vous ?",
                "bureau.svg",
                DESKTOP_ZONES,
                "clock",
                BIN,
                START,
                CLOCK,
            ),
            spot(
                "Où est la Corbeille ? Touchez-la.",
                "bureau.svg",
                DESKTOP_ZONES,
                "bin",
                CLOCK,
                BIN,
                START,
            ),
            spot(
                "Vous avez fini avec cette fenêtre. Touchez le bouton pour la fermer.",
                "fenetre.svg",
                WINDOW_ZONES,
                "close",
                ("La croix, tout à droite", "close"),
                ("Le carré, au milieu", "enlarge"),
                ("Le trait, à gauche", "reduce"),
            ),
            spot(
                "Vous voulez réduire la fenêtre : elle va en bas, dans la barre des tâches. "
                "Touchez le bon bouton.",
                "fenetre.svg",
                WINDOW_ZONES,
                "reduce",
                ("La croix, tout à droite", "close"),
                ("Le trait, à gauche", "reduce"),
                ("Le carré, au milieu", "enlarge"),
            ),
        ],
    },
    {
        "track": INITIATION,
        "session": 1,
        "kind": "ordering",
        "title": "Allumer, utiliser et éteindre l'ordinateur",
        "competences": ["B.1", "B.2"],
        "questions": [
            order(
                "Dans quel ordre allumez-vous l'ordinateur ?",
                ("Ouvrir l'écran de l'ordinateur.", "ordinateur-portable.svg"),
                "Appuyer une fois sur le bouton marche.",
                "Attendre sans toucher à rien.",
                ("Taper le code, puis appuyer sur Entrée.", "clavier.svg"),
            ),
            order(
                "Dans quel ordre ouvrez-vous la Corbeille, puis la fermez ?",
                ("Poser la main sur la souris.", "souris.svg"),
                "Mettre la flèche sur la Corbeille.",
                "Faire un double-clic.",
                "Fermer la fenêtre avec la croix.",
            ),
            order(
                "Dans quel ordre éteignez-vous l'ordinateur ?",
                "Cliquer sur « Démarrer ».",
                "Cliquer sur le bouton marche.",
                "Cliquer sur « Arrêter ».",
                "Attendre que l'écran soit noir.",
                "Refermer l'écran.",
            ),
        ],
    },
    # ------------------------------------------------ Cycle d'initiation, séance 2
    {
        "track": INITIATION,
        "session": 2,
        "kind": "single_choice",
        "title": "Les touches du clavier",
        "competences": ["B.3", "3.1"],
        "questions": [
            choice(
                "Quelle touche efface la lettre d'avant ?",
                right("Retour arrière", "touche-retour-arriere.svg"),
                wrong("Entrée", "touche-entree.svg"),
                wrong("Maj", "touche-maj.svg"),
            ),
            choice(
                "Quelle touche fait passer à la ligne ?",
                wrong("Retour arrière", "touche-retour-arriere.svg"),
                wrong("Maj", "touche-maj.svg"),
                right("Entrée", "touche-entree.svg"),
            ),
            choice(
                "Vous écrivez une majuscule. Quelle touche gardez-vous appuyée ?",
                wrong("Entrée", "touche-entree.svg"),
                right("Maj", "touche-maj.svg"),
                wrong("Retour arrière", "touche-retour-arriere.svg"),
            ),
            choice(
                "Comment écrivez-vous l'arobase @ ?",
                right("Je garde « Alt Gr » appuyée. Puis j'appuie sur la touche « à 0 »."),
                wrong("Je garde « Maj » appuyée. Puis j'appuie sur la touche « à 0 »."),
                wrong("J'appuie deux fois sur la barre Espace."),
            ),
            choice(
                "Le petit trait qui clignote dans le texte montre où la lettre va s'écrire. "
                "Comment s'appelle-t-il ?",
                right("Le curseur"),
                wrong("L'icône"),
                wrong("La barre des tâches"),
            ),
        ],
    },
    # ------------------------------------------------ Cycle d'initiation, séance 3
    {
        "track": INITIATION,
        "session": 3,
        "kind": "hotspot",
        "title": "Le téléphone : applications et Wi-Fi",
        "competences": ["B.4", "B.5", "5.2"],
        "questions": [
            spot(
                "Vous voulez agrandir le texte du téléphone. Quelle application ouvrez-vous ?",
                "telephone-accueil.svg",
                PHONE_HOME_ZONES,
                "settings",
                ("Paramètres : la roue dentée", "settings"),
                ("Photo : l'appareil photo", "camera"),
                ("La pile, tout en haut à droite", "battery"),
            ),
            spot(
                "Quel symbole montre que le Wi-Fi marche ? Touchez-le.",
                "telephone-accueil.svg",
                PHONE_HOME_ZONES,
                "wifi",
                ("La pile, tout en haut à droite", "battery"),
                ("L'éventail, tout en haut", "wifi"),
                ("Paramètres : la roue dentée", "settings"),
            ),
            spot(
                "Vous voulez prendre une photo. Touchez la bonne application.",
                "telephone-accueil.svg",
                PHONE_HOME_ZONES,
                "camera",
                ("Paramètres : la roue dentée", "settings"),
                ("L'éventail, tout en haut", "wifi"),
                ("Photo : l'appareil photo", "camera"),
            ),
            spot(
                "Vous êtes à l'association. Son Wi-Fi s'appelle « Asso-Invites ». "
                "Touchez-le pour vous connecter.",
                "telephone-wifi.svg",
                PHONE_WIFI_ZONES,
                "asso",
                ("Asso-Invites", "asso"),
                ("Box-Voisin", "neighbour"),
                ("Gare-WiFi-Gratuit", "station"),
            ),
        ],
    },
    # ------------------------------------------------ Cycle d'initiation, séance 4
    {
        "track": INITIATION,
        "session": 4,
        "kind": "hotspot",
        "title": "Le navigateur et la recherche",
        "competences": ["1.1", "B.2", "2.4"],
        "questions": [
            spot(
                "Vous connaissez l'adresse d'un site. Où la tapez-vous ?",
                "navigateur.svg",
                BROWSER_ZONES,
                "address",
                ("La barre d'adresse, tout en haut", "address"),
                ("La case « Rechercher… » de la page", "search"),
                NEW_TAB,
            ),
            spot(
                "Vous voulez revenir à la page d'avant. Touchez le bon bouton.",
                "navigateur.svg",
                BROWSER_ZONES,
                "back",
                NEW_TAB,
                BACK,
                STAR,
            ),
            spot(
                "Vous voulez ouvrir un nouvel onglet. Touchez le bon bouton.",
                "navigateur.svg",
                BROWSER_ZONES,
                "new_tab",
                BACK,
                STAR,
                NEW_TAB,
            ),
            spot(
                "Vous cherchez les horaires de la mairie. Touchez le site de la ville, "
                "pas la publicité.",
                "resultats-recherche.svg",
                SEARCH_ZONES,
                "official",
                ("Le premier résultat, marqué « Sponsorisé »", "sponsored"),
                ("Le deuxième résultat : villebrune.fr", "official"),
                ("Le dernier résultat : annuaire-villes.net", "directory"),
            ),
        ],
    },
]
