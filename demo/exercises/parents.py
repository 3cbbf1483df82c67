"""The demo exercises of the parents' track (sessions 1 to 6): the computer, internet at
home, Pronote, ÉduConnect, the school's online space and the back-to-school procedures."""

from .pictures.computer_screens import BROWSER_ZONES, DESKTOP_ZONES, LAPTOP_ZONES
from .pictures.phone_screens import SCHOOL_ZONES
from .questions import (
    BACK,
    BIN,
    CHARGER,
    CLOCK,
    NEW_TAB,
    PARENTS,
    POWER,
    STAR,
    START,
    TOUCHPAD,
    WIFI_DESKTOP,
    choice,
    order,
    right,
    spot,
    wrong,
)

PARENTS_EXERCISES = [
    # ------------------------------------------------ Parents, séance 1
    {
        "track": PARENTS,
        "session": 1,
        "kind": "hotspot",
        "title": "Les parties de l'ordinateur",
        "competences": ["B.1", "B.2", "B.6"],
        "questions": [
            spot(
                "Où appuyez-vous pour allumer l'ordinateur ?",
                "ordinateur-parties.svg",
                LAPTOP_ZONES,
                "power",
                POWER,
                TOUCHPAD,
                CHARGER,
            ),
            spot(
                "La batterie est presque vide. Où branchez-vous le chargeur ?",
                "ordinateur-parties.svg",
                LAPTOP_ZONES,
                "charger",
                TOUCHPAD,
                CHARGER,
                POWER,
            ),
            spot(
                "Vous n'avez pas de souris. Où posez-vous le doigt pour bouger la flèche ?",
                "ordinateur-parties.svg",
                LAPTOP_ZONES,
                "touchpad",
                CHARGER,
                POWER,
                TOUCHPAD,
            ),
            spot(
                "Vous voulez éteindre l'ordinateur. Où cliquez-vous d'abord ?",
                "bureau.svg",
                DESKTOP_ZONES,
                "start",
                CLOCK,
                START,
                BIN,
            ),
        ],
    },
    # ------------------------------------------------ Parents, séance 2
    {
        "track": PARENTS,
        "session": 2,
        "kind": "ordering",
        "title": "Le clavier, les fenêtres et internet",
        "competences": ["B.3", "B.6", "1.1"],
        "questions": [
            order(
                "Dans quel ordre écrivez-vous votre prénom avec une majuscule ?",
                "Ouvrir le Bloc-notes.",
                ("Garder la touche Maj appuyée.", "touche-maj.svg"),
                "Appuyer sur la première lettre du prénom.",
                "Lâcher Maj, puis écrire la suite du prénom.",
            ),
            order(
                "Dans quel ordre écrivez-vous l'arobase @ ?",
                "Cliquer là où l'arobase doit s'écrire.",
                "Garder la touche « Alt Gr » appuyée.",
                "Appuyer sur la touche du zéro « à 0 ».",
                "Lâcher les deux touches.",
            ),
            order(
                "Dans quel ordre retrouvez-vous une fenêtre réduite ?",
                "Cliquer sur le trait, en haut à droite de la fenêtre.",
                "Regarder la barre des tâches, en bas de l'écran.",
                "Cliquer sur l'icône de la fenêtre.",
                "La fenêtre revient à l'écran.",
            ),
            order(
                "Dans quel ordre allez-vous sur le site du collège ?",
                "Ouvrir le navigateur : Edge ou Chrome.",
                "Cliquer dans la barre d'adresse, en haut.",
                "Taper l'adresse du site du collège.",
                ("Appuyer sur la touche Entrée.", "touche-entree.svg"),
            ),
        ],
    },
    # ------------------------------------------------ Parents, séance 3
    {
        "track": PARENTS,
        "session": 3,
        "kind": "single_choice",
        "title": "Avoir internet à la maison",
        "competences": ["B.5", "2.4", "4.1"],
        "questions": [
            choice(
                "Où est écrite la clé Wi-Fi de votre box ?",
                right("Sur l'étiquette, sous la box."),
                wrong("Sur ma facture d'électricité."),
                wrong("Sur l'écran de l'ordinateur."),
                image="box-internet.svg",
            ),
            choice(
                "Vous n'avez pas de box. Comment l'ordinateur peut-il aller sur internet ?",
                wrong("En branchant le chargeur."),
                right("Avec le partage de connexion de mon téléphone."),
                wrong("Ce n'est pas possible."),
            ),
            choice(
                "Où trouvez-vous du Wi-Fi gratuit ?",
                wrong("Chez le voisin, sans lui demander."),
                wrong("Seulement à l'aéroport."),
                right("À la médiathèque ou dans une France services."),
                image="wifi.svg",
            ),
            choice(
                "Vous êtes sur un Wi-Fi gratuit. Que pouvez-vous faire sans risque ?",
                right("Regarder Pronote ou un horaire de bus."),
                wrong("Faire un virement à la banque."),
                wrong("Payer avec ma carte bancaire."),
            ),
            choice(
                "Une offre est « sans engagement ». Qu'est-ce que cela veut dire ?",
                wrong("L'offre est gratuite pour toujours."),
                right("Je peux arrêter l'abonnement quand je veux."),
                wrong("Je dois garder l'abonnement deux ans."),
            ),
        ],
    },
    # ------------------------------------------------ Parents, séance 4
    {
        "track": PARENTS,
        "session": 4,
        "kind": "hotspot",
        "title": "Pronote : trouver les informations",
        "competences": ["2.1", "1.2"],
        "questions": [
            spot(
                "Vous cherchez les devoirs de votre enfant. Touchez le bon bouton.",
                "espace-parents.svg",
                SCHOOL_ZONES,
                "homework",
                ("« Cahier de textes »", "homework"),
                ("« Notes »", "marks"),
                ("« Vie scolaire »", "school_life"),
            ),
            spot(
                "Vous voulez voir les absences et les retards. Touchez le bon bouton.",
                "espace-parents.svg",
                SCHOOL_ZONES,
                "school_life",
                ("« Notes »", "marks"),
                ("« Vie scolaire »", "school_life"),
                ("« Communication »", "messages"),
            ),
            spot(
                "Vous voulez voir la dernière note de votre enfant. Touchez le bon bouton.",
                "espace-parents.svg",
                SCHOOL_ZONES,
                "marks",
                ("« Cahier de textes »", "homework"),
                ("« Communication »", "messages"),
                ("« Notes »", "marks"),
            ),
            spot(
                "Vous voulez écrire un message au CPE. Touchez le bon bouton.",
                "espace-parents.svg",
                SCHOOL_ZONES,
                "messages",
                ("« Communication »", "messages"),
                ("« Vie scolaire »", "school_life"),
                ("« Cahier de textes »", "homework"),
            ),
        ],
    },
    {
        "track": PARENTS,
        "session": 4,
        "kind": "ordering",
        "title": "Activer son compte ÉduConnect",
        "competences": ["2.4", "4.1"],
        "questions": [
            order(
                "Vous activez votre compte ÉduConnect avec votre téléphone. "
                "Dans quel ordre faites-vous les étapes ?",
                "Aller sur le site educonnect.education.gouv.fr.",
                "Cliquer sur « Je n'ai pas de compte ».",
                "Choisir « représentant légal ». Écrire son nom, son prénom et son portable.",
                "Taper le code reçu par SMS.",
                "Écrire la date de naissance de ses enfants.",
                "Choisir son mot de passe.",
            ),
            order(
                "Vous avez le courrier ÉduConnect du collège. "
                "Dans quel ordre activez-vous votre compte ?",
                "Aller sur le site ÉduConnect.",
                "Taper l'identifiant écrit sur le courrier.",
                "Taper le mot de passe provisoire du courrier.",
                "Choisir un nouveau mot de passe.",
                "Noter l'identifiant et le mot de passe dans son carnet, gardé à la maison.",
            ),
            order(
                "Vous avez oublié votre mot de passe ÉduConnect. "
                "Dans quel ordre en choisissez-vous un nouveau ?",
                "Aller sur le site ÉduConnect.",
                "Cliquer sur « Mot de passe oublié ».",
                "Taper le code reçu par SMS.",
                "Choisir un nouveau mot de passe.",
            ),
        ],
    },
    # ------------------------------------------------ Parents, séance 5
    {
        "track": PARENTS,
        "session": 5,
        "kind": "single_choice",
        "title": "L'ENT, la bourse et les écrans",
        "competences": ["2.1", "1.2", "4.2", "4.3"],
        "questions": [
            choice(
                "Qu'est-ce que l'ENT ?",
                right("Le site du collège, pour les élèves et les parents."),
                wrong("Une application de jeux."),
                wrong("Le site de la CAF."),
            ),
            choice(
                "Avec quel compte entrez-vous dans l'ENT ?",
                wrong("Mon compte ameli."),
                wrong("Le compte de mon enfant."),
                right("Mon compte ÉduConnect."),
            ),
            choice(
                "Quelqu'un harcèle votre enfant sur internet. Quel numéro appelez-vous ?",
                wrong("Le 3230"),
                right("Le 3018 : c'est gratuit et anonyme."),
                wrong("Le 33700"),
            ),
            choice(
                "Quand demandez-vous la bourse de collège ?",
                right("Au début de l'année scolaire, de septembre à mi-octobre."),
                wrong("En juillet, pendant les vacances."),
                wrong("Quand je veux, toute l'année."),
            ),
            choice(
                "À quoi sert le contrôle parental ?",
                wrong("À lire les messages de l'enfant en secret."),
                wrong("À rendre internet plus rapide."),
                right("À protéger l'enfant et à limiter le temps d'écran."),
                image="telephone.svg",
            ),
        ],
    },
    # ------------------------------------------------ Parents, séance 6
    {
        "track": PARENTS,
        "session": 6,
        "kind": "hotspot",
        "title": "Mettre en route son ordinateur",
        "competences": ["B.1", "B.5", "1.1"],
        "questions": [
            spot(
                "Votre nouvel ordinateur est éteint. Où appuyez-vous pour l'allumer ?",
                "ordinateur-parties.svg",
                LAPTOP_ZONES,
                "power",
                CHARGER,
                TOUCHPAD,
                POWER,
            ),
            spot(
                "Vous voulez connecter l'ordinateur au Wi-Fi. Où cliquez-vous ?",
                "bureau.svg",
                DESKTOP_ZONES,
                "wifi",
                WIFI_DESKTOP,
                START,
                BIN,
            ),
            spot(
                "Vous voulez garder ce site en favori, pour le retrouver en un clic. "
                "Où touchez-vous ?",
                "navigateur.svg",
                BROWSER_ZONES,
                "star",
                BACK,
                STAR,
                NEW_TAB,
            ),
        ],
    },
    {
        "track": PARENTS,
        "session": 6,
        "kind": "single_choice",
        "title": "Les démarches de la rentrée",
        "competences": ["2.4", "1.1"],
        "questions": [
            choice(
                "Où vérifiez-vous votre fiche de renseignements ?",
                right("Sur Scolarité services, avec ÉduConnect."),
                wrong("Sur le site de la CAF."),
                wrong("Dans Pronote, avec les notes."),
            ),
            choice(
                "Qui verse l'allocation de rentrée scolaire ?",
                wrong("Le collège, en juin."),
                right("La CAF, en août, si la famille y a droit."),
                wrong("La mairie, en décembre."),
            ),
            choice(
                "Vous avez déménagé. Votre fiche de renseignements a l'ancienne adresse. "
                "Que faites-vous ?",
                wrong("Rien : le collège le saura tout seul."),
                wrong("Je demande à mon enfant de changer l'adresse."),
                right("Je corrige l'adresse sur Scolarité services."),
            ),
            choice(
                "Vous êtes bloqué avec Pronote à la maison. Où trouvez-vous de l'aide ?",
                right("À la permanence connectée, sans rendez-vous."),
                wrong("Sur un forum, en donnant mon mot de passe."),
                wrong("Nulle part : je dois me débrouiller seul."),
            ),
        ],
    },
]
