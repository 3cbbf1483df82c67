"""The columns of the learner import's model file, and the words structures write in them:
what `cohorts.imports` reads, and what the upload page and the model file explain.

The titles and the words are compared as `core.text.loose_key` reads them."""

from django.utils.translation import gettext_lazy

from core.spreadsheets.imports import Column
from core.text import loose_key

COLUMNS = (
    Column(
        "first_name",
        "Prénom",
        gettext_lazy("Prénom"),
        ("prenom", "prenoms", "firstname"),
        gettext_lazy("Obligatoire."),
    ),
    Column(
        "last_name",
        "Nom",
        gettext_lazy("Nom"),
        ("nom", "nomdefamille", "nomdusage", "nomdenaissance", "lastname"),
        gettext_lazy("Obligatoire. Aussi « Nom de famille »."),
    ),
    Column(
        "phone",
        "Téléphone",
        gettext_lazy("Téléphone"),
        (
            "telephone",
            "tel",
            "portable",
            "mobile",
            "telephoneportable",
            "telportable",
            "numerodetelephone",
            "ndetelephone",
            "numerodeportable",
            "phone",
        ),
        gettext_lazy("Numéro français, avec ou sans espaces, ou en +33. Aussi « Portable »."),
    ),
    Column(
        "email",
        "E-mail",
        gettext_lazy("E-mail"),
        (
            "email",
            "mail",
            "courriel",
            "adresseemail",
            "adressemail",
            "adressecourriel",
            "adresseelectronique",
        ),
        gettext_lazy("Aussi « Courriel » ou « Mail »."),
    ),
    Column(
        "birth_year",
        "Année de naissance",
        gettext_lazy("Année de naissance"),
        ("anneedenaissance", "anneenaissance", "naissance", "datedenaissance", "birthyear"),
        gettext_lazy(
            "Par exemple 1985. Une date de naissance complète est acceptée : "
            "seule l'année est gardée."
        ),
    ),
    Column(
        "gender",
        "Genre",
        gettext_lazy("Genre"),
        ("genre", "sexe", "civilite"),
        gettext_lazy("F, M, Femme, Homme, ou vide. Aussi « Sexe »."),
    ),
    Column(
        "language",
        "Langue",
        gettext_lazy("Langue"),
        ("langue", "langueparlee", "languematernelle"),
        gettext_lazy("Le nom de la langue (arabe, dari…) ou son code. Vide : français."),
    ),
    Column(
        "reads_french",
        "Lit le français",
        gettext_lazy("Lit le français"),
        ("litlefrancais", "litfrancais", "lecturedufrancais", "lecturefrancais"),
        gettext_lazy("oui ou non. Vide : oui."),
    ),
    Column(
        "lives_in_qpv",
        "QPV",
        gettext_lazy("QPV"),
        ("qpv", "habiteenqpv", "habiteunqpv", "quartierprioritaire"),
        gettext_lazy("Habite un quartier prioritaire : oui ou non. Vide : non."),
    ),
    Column(
        "receives_rsa",
        "RSA",
        gettext_lazy("RSA"),
        ("rsa", "beneficiairedursa", "beneficiairersa", "allocatairedursa"),
        gettext_lazy("Reçoit le RSA : oui ou non. Vide : non."),
    ),
    Column(
        "is_job_seeker",
        "Demandeur d'emploi",
        gettext_lazy("Demandeur d'emploi"),
        (
            "demandeurdemploi",
            "demandeusedemploi",
            "demandeursedemploi",
            "demandeureusedemploi",
            "inscritafrancetravail",
        ),
        gettext_lazy("oui ou non. Vide : non."),
    ),
    Column(
        "referred_by",
        "Orienté par",
        gettext_lazy("Orienté par"),
        ("orientepar", "orienteepar", "prescripteur", "prescriptrice", "structureprescriptrice"),
        gettext_lazy("La structure qui a orienté la personne. Aussi « Prescripteur »."),
    ),
    Column(
        "consent",
        "Consentement",
        gettext_lazy("Consentement"),
        ("consentement", "consentementrgpd", "accordrgpd"),
        gettext_lazy(
            "oui si la personne a donné son accord pour l'enregistrement de ses données. "
            "Vide : à recueillir plus tard."
        ),
    ),
)
COLUMNS_BY_FIELD = {column.field: column for column in COLUMNS}
REQUIRED_FIELDS = ("first_name", "last_name")
TEXT_MAX_LENGTHS = {"first_name": 100, "last_name": 100, "referred_by": 200, "email": 254}
YES_NO_DEFAULTS = {
    "reads_french": True,
    "lives_in_qpv": False,
    "receives_rsa": False,
    "is_job_seeker": False,
    "consent": False,
}

GENDERS = {
    "f": "F",
    "femme": "F",
    "feminin": "F",
    "mme": "F",
    "madame": "F",
    "mlle": "F",
    "mademoiselle": "F",
    "m": "M",
    "h": "M",
    "homme": "M",
    "masculin": "M",
    "monsieur": "M",
    "nc": "",
    "noncommunique": "",
}
# The languages the structures' learners speak most: the name shown, then its code. Other
# names for the same language follow in LANGUAGE_ALIASES.
LANGUAGE_CODES = (
    ("français", "fr"),
    ("anglais", "en"),
    ("arabe", "ar"),
    ("espagnol", "es"),
    ("portugais", "pt"),
    ("italien", "it"),
    ("allemand", "de"),
    ("turc", "tr"),
    ("russe", "ru"),
    ("ukrainien", "uk"),
    ("roumain", "ro"),
    ("bulgare", "bg"),
    ("polonais", "pl"),
    ("albanais", "sq"),
    ("géorgien", "ka"),
    ("arménien", "hy"),
    ("serbe", "sr"),
    ("tchétchène", "ce"),
    ("persan", "fa"),
    ("dari", "prs"),
    ("pachto", "ps"),
    ("ourdou", "ur"),
    ("bengali", "bn"),
    ("tamoul", "ta"),
    ("kurde", "ku"),
    ("berbère", "ber"),
    ("kabyle", "kab"),
    ("tigrigna", "ti"),
    ("amharique", "am"),
    ("somali", "so"),
    ("wolof", "wo"),
    ("bambara", "bm"),
    ("soninké", "snk"),
    ("peul", "ff"),
    ("lingala", "ln"),
    ("swahili", "sw"),
    ("malgache", "mg"),
    ("créole haïtien", "ht"),
    ("chinois", "zh"),
    ("vietnamien", "vi"),
    ("khmer", "km"),
    ("lao", "lo"),
    ("tagalog", "tl"),
    ("mongol", "mn"),
)
LANGUAGE_ALIASES = {
    "farsi": "fa",
    "pashto": "ps",
    "tamazight": "ber",
    "tigrinya": "ti",
    "pular": "ff",
    "creole": "ht",
    "mandarin": "zh",
    "cambodgien": "km",
    "laotien": "lo",
}
LANGUAGE_NAMES = {code: name for name, code in LANGUAGE_CODES}
LANGUAGE_KEYS = {**{loose_key(name): code for name, code in LANGUAGE_CODES}, **LANGUAGE_ALIASES}
