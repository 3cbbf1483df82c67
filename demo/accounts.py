"""Demo organisations and accounts, one per role; the other demo modules hang their objects
on them.

Everything is found by a stable key (slug, username, code) so that loading twice changes
nothing; passwords are set only when an account is created.
"""

from django.db import transaction

from accounts.models import LearnerAccount, Role, User
from accounts.services import learner_account_create, membership_grant, organisation_ensure

DEMO_PASSWORD = "tremplin-demo"  # noqa: S105 (published on purpose: demo accounts only)
DEMO_LEARNER_CODE = "BRD246"
DEMO_LEARNER_PIN = "2580"

ORGANISATIONS = [
    # slug, name, kind, commune, postal code
    (
        "reseau-nouvelle-aquitaine",
        "Réseau Tremplin Nouvelle-Aquitaine",
        "network",
        "Bordeaux",
        "33000",
    ),
    ("passerelles-numeriques", "Les Passerelles numériques", "association", "Bordeaux", "33300"),
    ("college-jasmin", "Collège Jasmin", "school", "Agen", "47000"),
    ("departement-47", "Département de Lot-et-Garonne", "funder", "Agen", "47000"),
    ("ccas-bordeaux", "CCAS de Bordeaux", "social_service", "Bordeaux", "33000"),
]

STAFF = [
    # username, first name, last name, e-mail, organisation slug, role
    (
        "claire.martin",
        "Claire",
        "Martin",
        "claire.martin@example.org",
        "passerelles-numeriques",
        Role.COORDINATOR,
    ),
    (
        "karim.benali",
        "Karim",
        "Benali",
        "karim.benali@example.org",
        "passerelles-numeriques",
        Role.TRAINER,
    ),
    ("lucas.moreau", "Lucas", "Moreau", "", "passerelles-numeriques", Role.TECHNICIAN),
    ("sophie.durand", "Sophie", "Durand", "sophie.durand@example.org", "college-jasmin", Role.CPE),
    (
        "nadia.haddad",
        "Nadia",
        "Haddad",
        "nadia.haddad@example.org",
        "ccas-bordeaux",
        Role.PRESCRIBER,
    ),
    ("julien.roux", "Julien", "Roux", "julien.roux@example.org", "departement-47", Role.FUNDER),
]


@transaction.atomic
def load_accounts():
    """Create the demo network, its organisations and one account per role."""
    network = None
    organisations = {}
    for slug, name, kind, commune, postal_code in ORGANISATIONS:
        organisations[slug] = organisation_ensure(
            slug=slug,
            name=name,
            kind=kind,
            network=network if kind != "network" else None,
            commune=commune,
            postal_code=postal_code,
        )
        if kind == "network":
            network = organisations[slug]

    accounts = []
    for username, first_name, last_name, email, slug, role in STAFF:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, first_name=first_name, last_name=last_name, email=email)
            user.set_password(DEMO_PASSWORD)
            user.full_clean()
            user.save()
        membership_grant(user=user, organisation=organisations[slug], role=role)
        accounts.append((Role(role).label, "identifiant", username, "mot de passe", DEMO_PASSWORD))

    if not LearnerAccount.objects.filter(code=DEMO_LEARNER_CODE).exists():
        learner_account_create(
            organisation=organisations["passerelles-numeriques"],
            first_name="Amina",
            last_name="Diallo",
            code=DEMO_LEARNER_CODE,
            pin=DEMO_LEARNER_PIN,
        )
    accounts.append(("Apprenante", "code", DEMO_LEARNER_CODE, "code PIN", DEMO_LEARNER_PIN))
    return organisations, accounts
