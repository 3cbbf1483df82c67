"""The columns of the stock import, the titles structures give them, and the words they
write for a kind of device or a grade: what `equipment.imports` guesses and understands.

Titles and words are compared as `core.text.loose_key` reads them."""

from django.utils.translation import gettext_lazy

from core.spreadsheets.imports import Column, synonyms_index
from core.text import loose_key

from .models import Device

COLUMNS = (
    Column(
        "serial_number",
        "N° de série",
        gettext_lazy("Numéro de série"),
        (
            "ndeserie",
            "nserie",
            "numerodeserie",
            "numeroserie",
            "noserie",
            "sn",
            "serial",
            "serialnumber",
            "serie",
            "numserie",
        ),
        max_length=100,
    ),  # fmt: skip
    Column(
        "kind",
        "Type",
        gettext_lazy("Type d'appareil"),
        (
            "type",
            "typedappareil",
            "typeappareil",
            "typedemateriel",
            "categorie",
            "materiel",
            "appareil",
            "kind",
        ),
    ),  # fmt: skip
    Column(
        "brand",
        "Marque",
        gettext_lazy("Marque"),
        ("marque", "fabricant", "constructeur", "brand", "manufacturer"),
        max_length=100,
    ),
    Column(
        "model", "Modèle", gettext_lazy("Modèle"), ("modele", "model", "reference"), max_length=150
    ),
    Column(
        "processor",
        "Processeur",
        gettext_lazy("Processeur"),
        ("processeur", "proc", "cpu", "processor"),
        max_length=150,
    ),
    Column(
        "memory_gb",
        "Mémoire (Go)",
        gettext_lazy("Mémoire vive (Go)"),
        ("memoire", "memoirevive", "ram", "memory", "memoireram"),
    ),
    Column(
        "storage_gb",
        "Stockage (Go)",
        gettext_lazy("Stockage (Go)"),
        ("stockage", "disque", "disquedur", "ssd", "hdd", "capacite", "storage"),
    ),
    Column(
        "operating_system",
        "Système",
        gettext_lazy("Système d'exploitation"),
        ("systeme", "os", "systemedexploitation", "systemeinstalle", "operatingsystem"),
        max_length=100,
    ),
    Column(
        "grade",
        "Grade",
        gettext_lazy("Grade"),
        ("grade", "etat", "etatesthetique", "classe", "gradeesthetique"),
    ),
    Column(
        "donor",
        "Donateur",
        gettext_lazy("Donateur"),
        ("donateur", "provenance", "donneur", "origine", "donor", "entreprisedonatrice"),
        max_length=200,
    ),
    Column(
        "collected_on",
        "Date de collecte",
        gettext_lazy("Date de collecte"),
        (
            "datedecollecte",
            "collecte",
            "collectele",
            "datecollecte",
            "datedereception",
            "recule",
            "datedentree",
            "date",
        ),
    ),  # fmt: skip
    Column(
        "batch",
        "Lot",
        gettext_lazy("Lot"),
        ("lot", "ndelot", "numerodelot", "batch"),
        max_length=100,
    ),
    Column(
        "price",
        "Prix",
        gettext_lazy("Prix solidaire (€)"),
        ("prix", "prixsolidaire", "prixdevente", "tarif", "price"),
    ),
    Column(
        "notes",
        "Notes",
        gettext_lazy("Notes"),
        ("notes", "note", "remarques", "remarque", "commentaire", "commentaires", "observations"),
    ),
)
COLUMNS_BY_FIELD = {column.field: column for column in COLUMNS}
HEADER_FIELDS = synonyms_index(COLUMNS)
TEXT_FIELDS = ("serial_number", "brand", "model", "processor", "operating_system", "batch")

K = Device.Kind
KIND_WORDS = {
    **{loose_key(kind.label): kind.value for kind in K},
    **{kind.value: kind.value for kind in K},
    "portable": K.LAPTOP,
    "pcportable": K.LAPTOP,
    "ordiportable": K.LAPTOP,
    "notebook": K.LAPTOP,
    "fixe": K.DESKTOP,
    "pcfixe": K.DESKTOP,
    "tour": K.DESKTOP,
    "unitecentrale": K.DESKTOP,
    "uc": K.DESKTOP,
    "tablette": K.TABLET,
    "telephone": K.SMARTPHONE,
    "telephoneportable": K.SMARTPHONE,
    "mobile": K.SMARTPHONE,
    "telephonebasique": K.BASIC_PHONE,
    "ecran": K.SCREEN,
    "moniteur": K.SCREEN,
    "autre": K.OTHER,
}
GRADE_WORDS = {
    **{loose_key(grade.label): grade.value for grade in Device.Grade},
    **{key: grade for grade in "ABC" for key in (grade.lower(), f"grade{grade.lower()}")},
    "commeneuf": "A",
}
