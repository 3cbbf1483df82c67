"""The demo exercises: at least one per session of the initiation cycle and of the parents'
track, built from Tremplin's own content types.

Written for the learners of these tracks: short sentences, "vous", one idea per question,
taken from what the session teaches (its objectives and steps in courses/curricula/). The
competences of an exercise are among those of its session.
"""

from courses.h5p.build import build_package

from .pictures import (
    BROWSER_ZONES,
    DESKTOP_ZONES,
    INBOX_ZONES,
    LAPTOP_ZONES,
    LOGIN_ZONES,
    PHONE_HOME_ZONES,
    PHONE_WIFI_ZONES,
    SCHOOL_ZONES,
    SEARCH_ZONES,
    WINDOW_ZONES,
    alt,
    picture,
)

INITIATION = "cycle-initiation-numerique"
PARENTS = "parents-scolarite-college"


def right(text, image=None):
    return _answer(text, True, image)


def wrong(text, image=None):
    return _answer(text, False, image)


def _answer(text, correct, image):
    answer = {"text": text, "correct": correct}
    if image:
        answer.update(image=image, imageAlt=alt(image))
    return answer


def choice(text, *answers, image=None):
    """A single-choice question; exactly one answer made with right()."""
    question = {"text": text, "answers": list(answers)}
    if image:
        question.update(image=image, imageAlt=alt(image))
    return question


def spot(text, image, zones, target, *buttons):
    """A hotspot question: the zone `target` of the picture is right; `buttons` are
    (label, zone key) pairs offered under the picture."""
    return {
        "text": text,
        "image": image,
        "imageAlt": alt(image),
        "zone": zones[target],
        "choices": [{"label": label, "correct": key == target} for label, key in buttons],
    }


def order(text, *steps):
    """An ordering question; steps in the right order, a step is a text or (text, image)."""
    result = []
    for step in steps:
        if isinstance(step, tuple):
            text_, image = step
            result.append({"text": text_, "image": image, "imageAlt": alt(image)})
        else:
            result.append({"text": step})
    return {"text": text, "steps": result}


# Zone names reused by several hotspot questions.
START = ("Le logo Windows, en bas à gauche", "start")
CLOCK = ("L'heure, en bas à droite", "clock")
BIN = ("La Corbeille, en haut à gauche", "bin")
WIFI_DESKTOP = ("L'éventail du Wi-Fi, en bas à droite", "wifi")
POWER = ("Le bouton rond, en haut à droite du clavier", "power")
TOUCHPAD = ("Le rectangle sous le clavier", "touchpad")
CHARGER = ("La prise, sur le côté gauche", "charger")
BACK = ("La flèche vers la gauche", "back")
NEW_TAB = ("Le « + », en haut", "new_tab")
STAR = ("L'étoile, au bout de la barre d'adresse", "star")

DEMO_EXERCISES = [
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
    # ------------------------------------------------ Cycle d'initiation, séance 5
    {
        "track": INITIATION,
        "session": 5,
        "kind": "hotspot",
        "title": "Se repérer dans sa boîte mail",
        "competences": ["2.1", "4.1"],
        "questions": [
            spot(
                "Vous voulez écrire un e-mail. Touchez le bon bouton.",
                "boite-mail.svg",
                INBOX_ZONES,
                "new",
                ("Le bouton « Nouveau », avec un crayon", "new"),
                ("Le dossier « Envoyés »", "sent"),
                ("Le rond avec la lettre K", "account"),
            ),
            spot(
                "Un vrai message n'est pas dans la boîte de réception. Où regardez-vous aussi ?",
                "boite-mail.svg",
                INBOX_ZONES,
                "spam",
                ("Le dossier « Envoyés »", "sent"),
                ("Le dossier « Spam »", "spam"),
                ("Le bouton « Nouveau », avec un crayon", "new"),
            ),
            spot(
                "Vous avez fini, sur l'ordinateur de la médiathèque. Où touchez-vous pour "
                "vous déconnecter ?",
                "boite-mail.svg",
                INBOX_ZONES,
                "account",
                ("Le dossier « Spam »", "spam"),
                ("Le bouton « Nouveau », avec un crayon", "new"),
                ("Le rond avec la lettre K, en haut à droite", "account"),
            ),
        ],
    },
    {
        "track": INITIATION,
        "session": 5,
        "kind": "single_choice",
        "title": "L'adresse e-mail et le mot de passe",
        "competences": ["2.1", "4.1", "2.4"],
        "questions": [
            choice(
                "Quelle adresse e-mail est bien écrite ?",
                wrong("karim benali gmail.com"),
                right("karim.benali@gmail.com"),
                wrong("www.karim-benali.fr"),
            ),
            choice(
                "Vous écrivez à un employeur. Quelle adresse est la plus sérieuse ?",
                right("amina.diallo@gmail.com"),
                wrong("princesse93@gmail.com"),
                wrong("lolo.la.fofolle@gmail.com"),
            ),
            choice(
                "Dans un e-mail, où écrivez-vous le sujet du message ?",
                wrong("Dans la case « À »."),
                right("Dans la case « Objet »."),
                wrong("Tout en bas, après mon prénom."),
            ),
            choice(
                "À qui donnez-vous le mot de passe de votre boîte mail ?",
                right("À personne. Je le note sur ma fiche, gardée à la maison."),
                wrong("À un voisin qui veut m'aider."),
                wrong("À une personne qui me le demande par e-mail."),
                image="cadenas.svg",
            ),
            choice(
                "Vous utilisez l'ordinateur de la médiathèque. À la fin, que faites-vous ?",
                wrong("J'enregistre mon mot de passe sur l'ordinateur."),
                wrong("Je laisse ma boîte mail ouverte pour la prochaine fois."),
                right("Je me déconnecte de ma boîte mail."),
            ),
        ],
    },
    # ------------------------------------------------ Cycle d'initiation, séance 6
    {
        "track": INITIATION,
        "session": 6,
        "kind": "ordering",
        "title": "Envoyer, scanner et ranger ses documents",
        "competences": ["1.2", "2.2", "B.6"],
        "questions": [
            order(
                "Dans quel ordre envoyez-vous un document par e-mail ?",
                "Cliquer sur « Nouveau message ».",
                "Écrire l'adresse dans la case « À ».",
                "Écrire l'objet, par exemple « Facture ».",
                ("Cliquer sur le trombone et choisir le fichier.", "trombone.svg"),
                "Attendre que la pièce jointe soit chargée.",
                "Cliquer sur « Envoyer ».",
            ),
            order(
                "Dans quel ordre scannez-vous un papier avec Google Drive ?",
                "Poser la feuille sur une table sombre, avec de la lumière.",
                ("Ouvrir Google Drive et toucher « + ».", "telephone.svg"),
                "Toucher « Numériser ».",
                "Vérifier que les quatre coins sont visibles, puis valider.",
                "Donner un nom clair au fichier, puis enregistrer.",
            ),
            order(
                "Dans quel ordre créez-vous le dossier « Mes papiers » ?",
                "Ouvrir l'Explorateur de fichiers : le dossier jaune.",
                "Ouvrir « Documents ».",
                "Faire un clic droit dans un espace vide.",
                "Choisir « Nouveau », puis « Dossier ».",
                "Taper « Mes papiers », puis appuyer sur Entrée.",
            ),
            order(
                "Vous avez reçu une attestation dans un e-mail. Dans quel ordre la rangez-vous ?",
                "Ouvrir l'e-mail.",
                "Cliquer sur la pièce jointe, puis sur « Télécharger ».",
                "Ouvrir le dossier « Téléchargements ».",
                "Renommer le fichier avec un nom clair.",
                "Faire glisser le fichier dans « Mes papiers ».",
            ),
        ],
    },
    {
        "track": INITIATION,
        "session": 6,
        "kind": "single_choice",
        "title": "Les dessins et les dossiers",
        "competences": ["1.2", "2.2"],
        "questions": [
            choice(
                "Quel dessin sert à joindre un fichier à un e-mail ?",
                wrong("Le crayon", "crayon.svg"),
                right("Le trombone", "trombone.svg"),
                wrong("La poubelle", "corbeille.svg"),
                wrong("La loupe", "loupe.svg"),
            ),
            choice(
                "Quel dessin sert à chercher ?",
                wrong("Le trombone", "trombone.svg"),
                wrong("Le crayon", "crayon.svg"),
                right("La loupe", "loupe.svg"),
                wrong("La poubelle", "corbeille.svg"),
            ),
            choice(
                "Quel dessin sert à écrire un nouveau message ?",
                right("Le crayon", "crayon.svg"),
                wrong("La loupe", "loupe.svg"),
                wrong("La poubelle", "corbeille.svg"),
                wrong("Le trombone", "trombone.svg"),
            ),
            choice(
                "Où arrivent les fichiers que vous téléchargez ?",
                right("Dans le dossier « Téléchargements »."),
                wrong("Dans la Corbeille."),
                wrong("Dans la boîte mail de la personne."),
            ),
            choice(
                "Pourquoi donnez-vous un nom clair à un fichier ?",
                wrong("Pour qu'il soit plus léger."),
                wrong("Pour l'envoyer plus vite."),
                right("Pour le retrouver facilement plus tard."),
            ),
        ],
    },
    # ------------------------------------------------ Cycle d'initiation, séance 7
    {
        "track": INITIATION,
        "session": 7,
        "kind": "single_choice",
        "title": "Mots de passe et arnaques",
        "competences": ["4.1", "4.2"],
        "questions": [
            choice(
                "Quel mot de passe est le plus solide ?",
                wrong("123456"),
                wrong("Le prénom de mon enfant."),
                right("Une phrase de plusieurs mots, avec un chiffre et un signe."),
                image="cadenas.svg",
            ),
            choice(
                "Vous recevez ce SMS. Que faites-vous ?",
                wrong("Je clique sur le lien et je paie 1,99 €."),
                right("Je ne clique pas. Je transfère le SMS au 33700."),
                wrong("Je réponds pour donner mon adresse."),
                image="sms-colis.svg",
            ),
            choice(
                "« Un conseiller de votre banque » vous appelle. Il demande le code reçu par SMS. "
                "Que faites-vous ?",
                right("Je raccroche. J'appelle moi-même le numéro de ma banque."),
                wrong("Je lui donne le code pour annuler l'opération."),
                wrong("Je lui donne mon mot de passe à la place du code."),
            ),
            choice(
                "Une page dit : « Votre ordinateur est bloqué. Appelez ce numéro. » "
                "Que faites-vous ?",
                wrong("J'appelle le numéro tout de suite."),
                wrong("Je donne ma carte bancaire pour débloquer l'ordinateur."),
                right("Je ferme la page. Je n'appelle pas."),
            ),
            choice(
                "Vous avez donné votre carte bancaire sur un faux site. "
                "Que faites-vous tout de suite ?",
                right("J'appelle ma banque pour faire opposition."),
                wrong("J'attends de voir si de l'argent part."),
                wrong("Je change seulement le mot de passe de ma boîte mail."),
            ),
        ],
    },
    # ------------------------------------------------ Cycle d'initiation, séance 8
    {
        "track": INITIATION,
        "session": 8,
        "kind": "single_choice",
        "title": "Les démarches en ligne",
        "competences": ["2.4", "4.2", "1.1"],
        "questions": [
            choice(
                "Quel site est un site officiel ?",
                wrong("ameli-remboursement.com"),
                right("ameli.fr"),
                wrong("carte-vitale-express.net"),
            ),
            choice(
                "Un site demande 30 € pour un acte de naissance. Qu'en pensez-vous ?",
                right("C'est sûrement un faux site : la démarche est gratuite."),
                wrong("C'est normal : un acte de naissance est payant."),
                wrong("C'est le prix pour l'avoir plus vite."),
            ),
            choice(
                "À quoi sert FranceConnect ?",
                wrong("À payer mes factures en ligne."),
                right("À entrer sur un site public avec un compte que j'ai déjà."),
                wrong("À avoir internet gratuitement."),
            ),
            choice(
                "Où trouvez-vous votre numéro de sécurité sociale ?",
                wrong("Sur ma carte bancaire."),
                wrong("Sur ma facture de téléphone."),
                right("Sur ma carte Vitale."),
            ),
            choice(
                "Qui peut faire une démarche à votre place, sans connaître votre mot de passe ?",
                right("Un aidant habilité, avec Aidants Connect."),
                wrong("Un voisin, si je lui donne mes codes."),
                wrong("Une personne qui propose de le faire contre de l'argent."),
            ),
        ],
    },
    {
        "track": INITIATION,
        "session": 8,
        "kind": "hotspot",
        "title": "Se connecter à un site public",
        "competences": ["2.4", "4.2"],
        "questions": [
            spot(
                "Vous voulez entrer avec votre compte ameli, grâce à FranceConnect. "
                "Touchez le bon bouton.",
                "connexion.svg",
                LOGIN_ZONES,
                "franceconnect",
                ("Le bouton bleu « S'identifier avec FranceConnect »", "franceconnect"),
                ("La case « Identifiant »", "login"),
                ("Le lien « Mot de passe oublié ? »", "forgotten"),
            ),
            spot(
                "Vous avez un identifiant pour ce site. Où le tapez-vous ?",
                "connexion.svg",
                LOGIN_ZONES,
                "login",
                ("Le lien « Mot de passe oublié ? »", "forgotten"),
                ("La case « Identifiant »", "login"),
                ("Le bouton bleu « S'identifier avec FranceConnect »", "franceconnect"),
            ),
            spot(
                "Vous avez oublié votre mot de passe. Touchez le bon lien.",
                "connexion.svg",
                LOGIN_ZONES,
                "forgotten",
                ("La case « Identifiant »", "login"),
                ("Le bouton bleu « S'identifier avec FranceConnect »", "franceconnect"),
                ("Le lien « Mot de passe oublié ? »", "forgotten"),
            ),
        ],
    },
    # ------------------------------------------------ Cycle d'initiation, séance 9
    {
        "track": INITIATION,
        "session": 9,
        "kind": "single_choice",
        "title": "Le grand quiz de révision",
        "competences": ["B.2", "B.3", "B.4", "2.4"],
        "questions": [
            choice(
                "Comment éteignez-vous l'ordinateur ?",
                right("« Démarrer », puis le bouton marche, puis « Arrêter »."),
                wrong("Je ferme l'écran d'un coup."),
                wrong("Je débranche le chargeur."),
                image="ordinateur-portable.svg",
            ),
            choice(
                "Sur le téléphone, comment agrandissez-vous une photo ?",
                wrong("J'appuie très fort sur l'écran."),
                right("J'écarte deux doigts sur la photo."),
                wrong("Je secoue le téléphone."),
                image="telephone.svg",
            ),
            choice(
                "Quelle est la différence entre le Wi-Fi et les données mobiles ?",
                right(
                    "Le Wi-Fi vient d'une box ou d'un lieu. Les données mobiles viennent "
                    "du forfait."
                ),
                wrong("C'est la même chose."),
                wrong("Le Wi-Fi est toujours payant."),
                image="wifi.svg",
            ),
            choice(
                "Quel dessin sert à joindre un fichier ?",
                wrong("La loupe", "loupe.svg"),
                wrong("Le crayon", "crayon.svg"),
                right("Le trombone", "trombone.svg"),
            ),
            choice(
                "Après le cycle, où pouvez-vous poser vos questions ?",
                wrong("Nulle part : c'est fini."),
                right("À la permanence, ou dans une France services."),
                wrong("À une personne inconnue, sur internet."),
            ),
        ],
    },
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


def _images(questions):
    """The pictures a list of questions refers to, by name."""
    names = set()

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "image" and isinstance(item, str):
                    names.add(item)
                else:
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(questions)
    return {name: picture(name) for name in sorted(names)}


def demo_packages():
    """Each demo exercise with its built `.h5p` package under "package"."""
    for exercise in DEMO_EXERCISES:
        package = build_package(
            exercise["kind"],
            exercise["title"],
            exercise["questions"],
            images=_images(exercise["questions"]),
        )
        yield {**exercise, "package": package}
