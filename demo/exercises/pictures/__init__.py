"""Small drawings for the demo exercises, written as SVG by hand.

Each picture is a plain SVG string: shapes and text only, generic font families, no script,
no link, no external reference, a few kilobytes at most. `PICTURES` maps a file name to the
SVG text and its French alt text. The mock screenshots are drawn 400 units wide so that their
text stays readable on a 360-pixel phone; `drawing.zone()` turns a rectangle drawn on them
into the percent values a hotspot question expects.
"""

from .computer_screens import browser, desktop, inbox, laptop_parts, login, search_results, window
from .objects import (
    BACKSPACE,
    ENTER,
    SHIFT,
    internet_box,
    key,
    keyboard,
    laptop,
    magnifier,
    mouse,
    padlock,
    paperclip,
    pencil,
    phone,
    scam_sms,
    trash,
    wifi,
)
from .phone_screens import phone_home, phone_wifi, school_app

PICTURES = {
    "souris.svg": (mouse(), "Dessin d'une souris d'ordinateur. Le bouton gauche est en bleu."),
    "clavier.svg": (keyboard(), "Dessin d'un clavier d'ordinateur."),
    "ordinateur-portable.svg": (laptop(), "Dessin d'un ordinateur portable ouvert."),
    "telephone.svg": (phone(), "Dessin d'un smartphone."),
    "wifi.svg": (wifi(), "Le symbole du Wi-Fi : un éventail."),
    "cadenas.svg": (padlock(), "Dessin d'un cadenas fermé."),
    "trombone.svg": (paperclip(), "Dessin d'un trombone."),
    "corbeille.svg": (trash(), "Dessin d'une poubelle."),
    "crayon.svg": (pencil(), "Dessin d'un crayon."),
    "loupe.svg": (magnifier(), "Dessin d'une loupe."),
    "touche-retour-arriere.svg": (
        key(BACKSPACE, "Retour"),
        "Touche avec une flèche vers la gauche et une croix.",
    ),
    "touche-entree.svg": (key(ENTER, "Entrée"), "Touche avec une flèche qui descend et tourne."),
    "touche-maj.svg": (key(SHIFT, "Maj"), "Touche avec une grosse flèche vers le haut."),
    "box-internet.svg": (
        internet_box(),
        "Une box internet. Dessous, une étiquette donne le nom du réseau et la clé Wi-Fi.",
    ),
    "sms-colis.svg": (
        scam_sms(),
        "Un SMS d'un numéro inconnu : « Votre colis est bloqué. Payez 1,99 € ici », avec "
        "un lien et le mot « Urgent ».",
    ),
    "bureau.svg": (
        desktop(),
        "L'écran d'un ordinateur : la Corbeille en haut à gauche, la barre des tâches en bas "
        "avec le logo Windows à gauche, le Wi-Fi et l'heure à droite.",
    ),
    "fenetre.svg": (
        window(),
        "Une fenêtre « Documents » ouverte. En haut à droite : un trait, un carré et une croix.",
    ),
    "ordinateur-parties.svg": (
        laptop_parts(),
        "Un ordinateur portable ouvert : l'écran, le clavier avec un bouton rond en haut à "
        "droite, le pavé tactile en bas, et la prise du chargeur sur le côté gauche.",
    ),
    "telephone-accueil.svg": (
        phone_home(),
        "L'écran d'accueil d'un téléphone : en haut l'heure, le Wi-Fi et la batterie ; "
        "dessous, six applications dont Paramètres (une roue dentée) et Photo.",
    ),
    "telephone-wifi.svg": (
        phone_wifi(),
        "Les réglages Wi-Fi d'un téléphone, avec trois réseaux : Asso-Invites, Box-Voisin "
        "et Gare-WiFi-Gratuit.",
    ),
    "navigateur.svg": (
        browser(),
        "Un navigateur internet : en haut un onglet et un « + », puis la flèche retour, "
        "la barre d'adresse avec une étoile au bout, et la page du site.",
    ),
    "resultats-recherche.svg": (
        search_results(),
        "Une page de résultats de recherche. Le premier résultat est marqué « Sponsorisé ». "
        "Le deuxième est le site de la ville, villebrune.fr.",
    ),
    "boite-mail.svg": (
        inbox(),
        "Une boîte mail : le bouton « Nouveau » en haut à gauche, puis les dossiers Réception, "
        "Envoyés, Spam et Corbeille, et un rond avec la lettre K en haut à droite.",
    ),
    "connexion.svg": (
        login(),
        "Une page de connexion : un bouton bleu « S'identifier avec FranceConnect », puis les "
        "cases Identifiant et Mot de passe, et le lien « Mot de passe oublié ? ».",
    ),
    "espace-parents.svg": (
        school_app(),
        "L'espace parents d'un collège, avec quatre boutons : Cahier de textes, Notes, "
        "Vie scolaire et Communication.",
    ),
}


def picture(name):
    """The SVG bytes of a picture, ready for `build_package(images=...)`."""
    return PICTURES[name][0].encode("utf-8"), "image/svg+xml"


def alt(name):
    return PICTURES[name][1]
