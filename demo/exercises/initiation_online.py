"""The demo exercises of the initiation cycle's sessions 5 to 9: e-mail, documents,
passwords and scams, online procedures, and the final review quiz."""

from .pictures.computer_screens import INBOX_ZONES, LOGIN_ZONES
from .questions import INITIATION, choice, order, right, spot, wrong

INITIATION_ONLINE = [
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
]
