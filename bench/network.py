"""A national network of digital-inclusion structures, generated for benchmarks.

`python manage.py generate_network --size S|M|L [--seed N]` builds, on top of the seeded
catalogue (tracks and sessions from courses/curricula) and the default diagnostic:

- structures: associations that train, collèges whose CPE enrol parents, social services
  that refer people, funders, all members of one network;
- their staff (coordinator, trainers, a technician, CPEs, prescribers, funders);
- yearly programmes per association, each paid by one funder, with targets;
- learners with the social fields the reports count, half with a learner-space account;
- cohorts of 8 to 12 on the seeded tracks, over the last two years and the next weeks,
  their meetings (held, cancelled, planned — some today), the roll of every held meeting,
  drop-outs, diplomas and satisfaction answers;
- entry and end-of-track diagnostics scored by the real scoring code;
- devices through the whole chain (received … handed over, recycled, returned), with their
  events, erasure records, hand-overs, loans and funders' shares;
- individual help and referrals.

The same seed and the same day give the same rows. Rows are written with `bench.tables`
(COPY on PostgreSQL), one transaction per structure.

Every staff account has the password `tremplin-bench`; every learner account the PIN 2580.
"""

import datetime
import random
import time
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import LearnerAccount, Membership, Organisation, Role, User
from accounts.roles import ROLE_GROUPS
from cohorts.models import (
    Attendance,
    Cohort,
    Diploma,
    Enrolment,
    HelpVisit,
    Learner,
    Meeting,
    Programme,
    Referral,
    SatisfactionAnswer,
)
from courses.models import TrackPage
from demo.courses import load_courses
from demo.diagnostics import load_diagnostics
from diagnostics.content.loader import DEFAULT_SLUG
from diagnostics.models import Assessment, Questionnaire
from diagnostics.scoring import questions_for_mode, score
from equipment.models import Device, DeviceEvent, Donor, ErasureRecord, FundingShare, Handover

from .tables import Table, finish

# The one role of the staff of each kind of structure that is not an association.
STAFF_ROLE_OF_KIND = {"funder": Role.FUNDER, "social_service": Role.PRESCRIBER, "school": Role.CPE}
STAFF_PASSWORD = "tremplin-bench"  # noqa: S105 — generated data only, written in the docs
LEARNER_PIN = "2580"


@dataclass(frozen=True)
class Size:
    organisations: int
    learners: int
    devices: int
    staff_per_organisation: int = 10


SIZES = {
    "XS": Size(organisations=6, learners=120, devices=40),  # for the tests
    "S": Size(organisations=10, learners=1_000, devices=250),
    "M": Size(organisations=100, learners=20_000, devices=5_000),
    "L": Size(organisations=500, learners=200_000, devices=50_000),
}

# Track slug → weight when a cohort is drawn, and the audience its learners come from.
TRACK_WEIGHTS = {
    "cycle-initiation-numerique": 40,
    "parents-scolarite-college": 16,
    "emploi-numerique-debutant": 14,
    "emploi-numerique-intermediaire": 10,
    "emploi-numerique-avance": 6,
    "atelier-demarches-administratives": 3,
    "atelier-securite-arnaques": 3,
    "atelier-sante-en-ligne": 2,
    "atelier-communication": 2,
    "atelier-achats-paiements": 2,
    "atelier-numerique-responsable": 2,
}
# How many tracks one person follows over two years (weights for 1, 2, 3, 4).
TRACKS_PER_LEARNER = (5, 20, 35, 40)

FIRST_NAMES = {
    "F": [
        "Fatima",
        "Olena",
        "Aïssatou",
        "Élodie",
        "Thi Lan",
        "Sandrine",
        "Nadia",
        "Marie",
        "Khadija",
        "Sophie",
        "Mariam",
        "Nathalie",
        "Yasmina",
        "Isabelle",
        "Awa",
        "Valérie",
        "Leïla",
        "Chantal",
        "Fanta",
        "Sylvie",
        "Oksana",
        "Samira",
        "Martine",
        "Hawa",
        "Céline",
        "Malika",
        "Brigitte",
        "Rokia",
        "Josiane",
        "Naïma",
        "Ana",
        "Mónica",
    ],
    "M": [
        "Mamadou",
        "Rachid",
        "Jean-Pierre",
        "Karim",
        "Mohamed",
        "Patrick",
        "Youssef",
        "Bernard",
        "Moussa",
        "Thierry",
        "Ibrahima",
        "Gérard",
        "Ahmed",
        "Daniel",
        "Omar",
        "Serhiy",
        "Alain",
        "Bakary",
        "Philippe",
        "Hamid",
        "Michel",
        "Souleymane",
        "Éric",
        "Abdelkader",
        "Christian",
        "Van Minh",
        "Joseph",
        "Tarek",
        "Didier",
        "Ali",
    ],
}
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Benhaddou",
    "Kovalenko",
    "Sow",
    "Lefèvre",
    "Nguyen",
    "Ba",
    "Amrani",
    "Petit",
    "Diallo",
    "Moreau",
    "Traoré",
    "Dubois",
    "Mansouri",
    "Laurent",
    "Keïta",
    "Garcia",
    "Haddad",
    "Roux",
    "Camara",
    "Fournier",
    "Belkacem",
    "Girard",
    "Coulibaly",
    "Bonnet",
    "Cissé",
    "Dupont",
    "Boukhris",
    "Lambert",
    "Touré",
    "Fontaine",
    "Ouattara",
    "Rousseau",
    "Benali",
    "Vincent",
    "Shevchenko",
    "Muller",
    "Tran",
    "Lopez",
    "Mendy",
    "Faure",
    "Ait Ali",
    "André",
    "Da Silva",
    "Mercier",
    "Kanté",
    "Blanc",
]
# (commune, postal code, département) — where the structures are.
COMMUNES = [
    ("Agen", "47000", "Lot-et-Garonne"), ("Villeneuve-sur-Lot", "47300", "Lot-et-Garonne"),
    ("Marmande", "47200", "Lot-et-Garonne"), ("Bordeaux", "33000", "Gironde"),
    ("Mérignac", "33700", "Gironde"), ("Lormont", "33310", "Gironde"),
    ("Toulouse", "31000", "Haute-Garonne"), ("Colomiers", "31770", "Haute-Garonne"),
    ("Montauban", "82000", "Tarn-et-Garonne"), ("Pau", "64000", "Pyrénées-Atlantiques"),
    ("Bayonne", "64100", "Pyrénées-Atlantiques"), ("Périgueux", "24000", "Dordogne"),
    ("Limoges", "87000", "Haute-Vienne"), ("Poitiers", "86000", "Vienne"),
    ("Lyon", "69003", "Rhône"), ("Vénissieux", "69200", "Rhône"),
    ("Saint-Étienne", "42000", "Loire"), ("Grenoble", "38000", "Isère"),
    ("Marseille", "13003", "Bouches-du-Rhône"), ("Aubagne", "13400", "Bouches-du-Rhône"),
    ("Nîmes", "30000", "Gard"), ("Montpellier", "34000", "Hérault"),
    ("Perpignan", "66000", "Pyrénées-Orientales"), ("Lille", "59000", "Nord"),
    ("Roubaix", "59100", "Nord"), ("Lens", "62300", "Pas-de-Calais"),
    ("Amiens", "80000", "Somme"), ("Rouen", "76000", "Seine-Maritime"),
    ("Le Havre", "76600", "Seine-Maritime"), ("Caen", "14000", "Calvados"),
    ("Rennes", "35000", "Ille-et-Vilaine"), ("Brest", "29200", "Finistère"),
    ("Nantes", "44000", "Loire-Atlantique"), ("Saint-Nazaire", "44600", "Loire-Atlantique"),
    ("Angers", "49000", "Maine-et-Loire"), ("Tours", "37000", "Indre-et-Loire"),
    ("Orléans", "45000", "Loiret"), ("Bourges", "18000", "Cher"),
    ("Dijon", "21000", "Côte-d'Or"), ("Besançon", "25000", "Doubs"),
    ("Strasbourg", "67000", "Bas-Rhin"), ("Mulhouse", "68100", "Haut-Rhin"),
    ("Metz", "57000", "Moselle"), ("Nancy", "54000", "Meurthe-et-Moselle"),
    ("Reims", "51100", "Marne"), ("Troyes", "10000", "Aube"),
    ("Saint-Denis", "93200", "Seine-Saint-Denis"), ("Aubervilliers", "93300", "Seine-Saint-Denis"),
    ("Créteil", "94000", "Val-de-Marne"), ("Argenteuil", "95100", "Val-d'Oise"),
    ("Évry-Courcouronnes", "91000", "Essonne"), ("Mantes-la-Jolie", "78200", "Yvelines"),
    ("Clermont-Ferrand", "63000", "Puy-de-Dôme"), ("Guéret", "23000", "Creuse"),
]  # fmt: skip
ASSOCIATION_NAMES = [
    "Espace public numérique de {c}", "Les Passerelles numériques de {c}",
    "Centre social des Quatre-Vents ({c})", "Maison de quartier numérique de {c}",
    "Point numérique solidaire de {c}", "Les Clés du numérique ({c})",
    "Atelier informatique solidaire de {c}", "Centre social Jean-Moulin ({c})",
    "Connexions solidaires de {c}", "La Fabrique numérique de {c}",
]  # fmt: skip
SCHOOL_NAMES = [
    "Collège Jean-Jaurès", "Collège Jules-Ferry", "Collège Victor-Hugo", "Collège Pablo-Picasso",
    "Collège Louise-Michel", "Collège Jean-Moulin", "Collège Simone-Veil", "Collège Paul-Éluard",
    "Collège Marie-Curie", "Collège Albert-Camus", "Collège Aimé-Césaire", "Collège Rosa-Parks",
]  # fmt: skip
SOCIAL_NAMES = [
    "CCAS de {c}", "Mission locale de {c}", "Espace France Services de {c}",
    "Maison départementale des solidarités de {c}", "Agence France Travail de {c}",
]  # fmt: skip
FUNDER_NAMES = [
    "Conseil départemental — {d}", "Caisse d'allocations familiales — {d}",
    "Préfecture — {d} (politique de la ville)", "Fondation Solidarités numériques — {d}",
]  # fmt: skip
DONORS = [
    "Crédit Agricole — agence régionale", "Mairie (service informatique)",
    "Cabinet comptable Dufour et associés", "Clinique Saint-Joseph", "Particuliers",
    "Lycée professionnel Gustave-Eiffel", "Mutuelle régionale", "Entreprise Transports Vidal",
]  # fmt: skip
# (kind, brand, model, processor, memory, storage, operating system, price in euros)
MODELS = [
    ("laptop", "Lenovo", "ThinkPad T480", "Intel Core i5-8350U", 8, 256, "Linux Mint 22", 120),
    ("laptop", "Dell", "Latitude 5490", "Intel Core i5-8250U", 8, 256, "Windows 10 Pro", 130),
    ("laptop", "HP", "EliteBook 840 G5", "Intel Core i5-8350U", 8, 256, "Linux Mint 22", 125),
    ("desktop", "HP", "ProDesk 600 G4", "Intel Core i5-8500", 8, 256, "Windows 10 Pro", 90),
    ("desktop", "Dell", "OptiPlex 7060", "Intel Core i5-8500", 8, 500, "Linux Mint 22", 85),
    ("tablet", "Samsung", "Galaxy Tab A8", "Unisoc T618", 3, 32, "Android 13", 70),
    ("smartphone", "Samsung", "Galaxy A12", "MediaTek Helio P35", 3, 32, "Android 12", 45),
    ("smartphone", "Apple", "iPhone 8", "A11 Bionic", 2, 64, "iOS 16", 60),
    ("screen", "Dell", "P2219H", "", None, None, "", 25),
]  # fmt: skip
# Steps of the chain in order, and how devices of a structure are spread across them today.
CHAIN = ["received", "identified", "erased", "repaired", "ready"]
STATUS_WEIGHTS = {
    "received": 7, "identified": 6, "erased": 6, "repaired": 6, "ready": 14, "reserved": 3,
    "handed_over": 48, "recycled": 7, "returned": 3,
}  # fmt: skip
DROP_REASONS = [
    "A retrouvé un emploi sur les horaires du groupe.",
    "Problème de garde d'enfants.",
    "A déménagé.",
    "Raisons de santé.",
    "Ne donne plus de nouvelles.",
]
HELP_THEMES = ["admin", "email", "device", "health", "banking", "employment", "school"]
REFERRAL_NOTES = [
    "Doit actualiser sa situation en ligne chaque mois et n'y arrive pas seul.",
    "N'a jamais ouvert de boîte mail ; a besoin d'un accompagnement pas à pas.",
    "Famille arrivée récemment, parle peu le français.",
    "Veut suivre la scolarité de ses enfants sur l'ENT.",
]


def _weighted(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class Generator:
    def __init__(self, size, *, seed=2026, today=None, log=print):
        self.size = SIZES[size] if isinstance(size, str) else size
        self.label = size if isinstance(size, str) else "custom"
        self.rng = random.Random(seed)
        self.seed = seed
        self.prefix = f"gen-{self.label.lower()}-{seed}"
        self.today = today or timezone.localdate()
        self.log = log
        self.paris = zoneinfo.ZoneInfo(settings.TIME_ZONE)

    # Set-up -------------------------------------------------------------------------------

    def _catalogue(self):
        load_courses()
        load_diagnostics()
        self.tracks = {}
        for track in TrackPage.objects.filter(slug__in=TRACK_WEIGHTS).specific():
            self.tracks[track.slug] = (track, list(track.sessions()))
        missing = set(TRACK_WEIGHTS) - set(self.tracks)
        if missing:
            raise RuntimeError(f"Parcours absents du catalogue : {', '.join(sorted(missing))}")
        self.questionnaire_version = Questionnaire.objects.get(slug=DEFAULT_SLUG).current_version
        self.diagnostic_content = self.questionnaire_version.content
        self.coordinators_group = Group.objects.filter(
            name=ROLE_GROUPS.get(Role.COORDINATOR)
        ).first()

    def _tables(self):
        names = {
            "organisation": Organisation, "user": User, "membership": Membership,
            "user_groups": User.groups.through, "account": LearnerAccount,
            "programme": Programme, "learner": Learner, "cohort": Cohort,
            "cohort_trainers": Cohort.trainers.through, "meeting": Meeting,
            "enrolment": Enrolment, "attendance": Attendance, "diploma": Diploma,
            "satisfaction": SatisfactionAnswer, "assessment": Assessment,
            "help": HelpVisit, "referral": Referral, "donor": Donor, "device": Device,
            "event": DeviceEvent, "erasure": ErasureRecord, "handover": Handover,
            "share": FundingShare,
        }  # fmt: skip
        self.t = type("Tables", (), {})()
        for attribute, model in names.items():
            setattr(self.t, attribute, Table(model))
        self.all_tables = [getattr(self.t, attribute) for attribute in names]

    def _flush(self):
        finish(self.all_tables)

    # Helpers ----------------------------------------------------------------------------

    def _at(self, day, hour=10, minute=0):
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=self.paris)

    def _person(self):
        gender = self.rng.choice("FFFMM")
        return gender, self.rng.choice(FIRST_NAMES[gender]), self.rng.choice(LAST_NAMES)

    def _phone(self):
        return "06" + "".join(self.rng.choice("0123456789") for _ in range(8))

    def _code(self, alphabet, length):
        while True:
            code = "".join(self.rng.choice(alphabet) for _ in range(length))
            if code not in self.codes:
                self.codes.add(code)
                return code

    def _user(self, *, username, first_name, last_name, password, joined, email=""):
        return self.t.user.add(
            username=username,
            password=password,
            first_name=first_name,
            last_name=last_name,
            email=email,
            is_active=True,
            date_joined=joined,
        )

    # The network --------------------------------------------------------------------------

    def run(self):
        started = time.monotonic()
        prefix = self.prefix
        if Organisation.objects.filter(slug=f"{prefix}-reseau").exists():
            raise ValueError(
                f"Le réseau généré « {prefix} » existe déjà dans cette base : "
                "générez dans une base vide, ou avec une autre graine (--seed)."
            )
        self._catalogue()
        self._tables()
        self.staff_hash = make_password(STAFF_PASSWORD)
        self.pin_hash = make_password(LEARNER_PIN)
        self.codes = set(LearnerAccount.objects.values_list("code", flat=True))
        self.codes |= set(Diploma.objects.values_list("code", flat=True))
        with transaction.atomic():
            structures = self._organisations()
            self._flush()
        self.log(f"{len(structures['association'])} associations, staff: {self.t.user.count}")
        total = len(structures["association"])
        for index, association in enumerate(structures["association"]):
            with transaction.atomic():
                self._association(association, index, structures)
                self._flush()
            if (index + 1) % max(1, total // 10) == 0:
                self.log(
                    f"  {index + 1}/{total} structures, {self.t.attendance.count} présences, "
                    f"{time.monotonic() - started:.0f} s"
                )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        counts = {table.model._meta.label: table.count for table in self.all_tables}
        counts["seconds"] = round(time.monotonic() - started, 1)
        return counts

    def _organisations(self):
        size, rng = self.size, self.rng
        joined = self._at(self.today - datetime.timedelta(days=800))
        network_id = self.t.organisation.add(
            name=f"Réseau national d'inclusion numérique (généré, taille {self.label})",
            slug=f"{self.prefix}-reseau",
            kind="network",
            created_at=joined,
        )
        funders = max(2, size.organisations * 4 // 100)
        schools = max(1, size.organisations * 16 // 100)
        socials = max(1, size.organisations * 10 // 100)
        associations = size.organisations - funders - schools - socials
        plan = (
            [("funder", n) for n in range(funders)]
            + [("social_service", n) for n in range(socials)]
            + [("school", n) for n in range(schools)]
            + [("association", n) for n in range(associations)]
        )
        structures = {kind: [] for kind in ("funder", "social_service", "school", "association")}
        staff_left = size.staff_per_organisation * size.organisations
        per_kind = {"funder": 2, "social_service": 3, "school": 2}
        for position, (kind, number) in enumerate(plan):
            commune, postal_code, department = COMMUNES[position % len(COMMUNES)]
            if kind == "funder":
                name = FUNDER_NAMES[number % len(FUNDER_NAMES)].format(d=department)
            elif kind == "social_service":
                name = SOCIAL_NAMES[number % len(SOCIAL_NAMES)].format(c=commune)
            elif kind == "school":
                name = f"{SCHOOL_NAMES[number % len(SCHOOL_NAMES)]} ({commune})"
            else:
                name = ASSOCIATION_NAMES[number % len(ASSOCIATION_NAMES)].format(c=commune)
            slug = f"{self.prefix}-{kind.replace('_', '-')}-{number + 1:04d}"
            pk = self.t.organisation.add(
                name=name,
                slug=slug,
                kind=kind,
                network_id=network_id,
                commune=commune,
                postal_code=postal_code,
                is_active=True,
                created_at=joined,
            )
            if kind == "association":
                count = staff_left // max(1, associations - number)
            else:
                count = per_kind[kind]
            staff_left -= count
            people = self._staff(pk, slug, kind, count, joined)
            structures[kind].append({"id": pk, "slug": slug, "name": name, "staff": people})
        # Each association works with the social services and collèges near it.
        for association in structures["association"]:
            association["school"] = rng.choice(structures["school"])
            association["social"] = rng.choice(structures["social_service"])
            association["funders"] = rng.sample(structures["funder"], k=min(2, funders))
        return structures

    def _staff(self, organisation_id, slug, kind, count, joined):
        if kind == "association":  # one coordinator, one technician, trainers
            roles = [Role.COORDINATOR, Role.TECHNICIAN] + [Role.TRAINER] * max(1, count - 2)
        else:
            roles = [STAFF_ROLE_OF_KIND[kind]]
            roles *= count
        people = {}
        for number, role in enumerate(roles):
            _gender, first, last = self._person()
            username = f"{slug}.{role}-{number + 1}"
            user_id = self._user(
                username=username,
                first_name=first,
                last_name=last,
                password=self.staff_hash,
                joined=joined,
                email=f"{username}@tremplin.invalid",
            )
            self.t.membership.add(
                user_id=user_id,
                organisation_id=organisation_id,
                role=role.value,
                is_active=True,
                created_at=joined,
            )
            if role in ROLE_GROUPS and self.coordinators_group is not None:
                self.t.user_groups.add(user_id=user_id, group_id=self.coordinators_group.pk)
            people.setdefault(role, []).append(user_id)
        return people

    # One association: its people, groups, roll calls, devices --------------------------

    def _association(self, association, index, structures):
        associations = len(structures["association"])
        learners_here = self.size.learners // associations + (
            1 if index < self.size.learners % associations else 0
        )
        devices_here = self.size.devices // associations + (
            1 if index < self.size.devices % associations else 0
        )
        staff = association["staff"]
        self.trainers = staff.get(Role.TRAINER, [])
        self.coordinator = staff[Role.COORDINATOR][0]
        self.technician = staff.get(Role.TECHNICIAN, self.trainers)[0]
        learners = [self._learner(association) for _ in range(learners_here)]
        plans = self._cohort_plans(association, learners)
        programmes = self._programmes(association, plans)
        enrolments = []
        for plan in plans:
            enrolments.extend(self._cohort(association, plan, programmes))
        self._diagnostics(association, learners, enrolments)
        self._help_and_referrals(association, learners)
        self._devices(association, index, devices_here, enrolments)

    def _learner(self, association):
        rng = self.rng
        gender, first, last = self._person()
        profile = rng.choices(["general", "parents", "job_seekers"], weights=(35, 25, 40))[0]
        age = {
            "general": rng.randint(25, 88),
            "parents": rng.randint(28, 52),
            "job_seekers": rng.randint(18, 62),
        }[profile]
        language = rng.choices(["fr", "ar", "en", "uk", "pt"], weights=(80, 9, 4, 4, 3))[0]
        created = self._at(self.today - datetime.timedelta(days=rng.randint(30, 740)))
        learner = {
            "profile": profile,
            "first_name": first,
            "last_name": last,
            "household": "",
            "user_id": None,
            "created": created,
        }
        if profile == "parents":
            learner["household"] = f"{last} — {rng.choice('3456')}e {rng.choice('ABCD')}"
        if rng.random() < 0.5:
            code = self._code("ABCDEFGHJKMNPQRSTUVWXYZ23456789", 6)
            learner["user_id"] = self._user(
                username=f"apprenant-{code.lower()}",
                first_name=first,
                last_name=last,
                password=self.pin_hash,
                joined=created,
            )
            self.t.account.add(
                user_id=learner["user_id"],
                organisation_id=association["id"],
                code=code,
                failed_attempts=0,
                pin_set_at=created,
                pin_set_by_id=rng.choice(self.trainers),
            )
        learner["id"] = self.t.learner.add(
            organisation_id=association["id"],
            first_name=first,
            last_name=last,
            phone=self._phone() if rng.random() < 0.85 else "",
            birth_year=self.today.year - age if rng.random() < 0.92 else None,
            gender=gender if rng.random() < 0.95 else "",
            language=language,
            reads_french=language == "fr" or rng.random() < 0.3,
            lives_in_qpv=rng.random() < 0.42,
            receives_rsa=rng.random() < (0.45 if profile == "job_seekers" else 0.18),
            is_job_seeker=profile == "job_seekers" or rng.random() < 0.08,
            referred_by=rng.choice(["", "", "CCAS", "France Travail", "Mission locale", "CAF"]),
            child_class=learner["household"].split(" — ")[-1] if learner["household"] else "",
            household=learner["household"],
            consent_at=created,
            consent_text="Accord donné pour le suivi de la formation et les bilans anonymes.",
            user_id=learner["user_id"],
            created_at=created,
        )
        return learner

    def _cohort_plans(self, association, learners):
        """Each person follows 1 to 4 tracks; people of a track are cut into groups of 8-12."""
        rng = self.rng
        by_track = {slug: [] for slug in TRACK_WEIGHTS}
        for learner in learners:
            allowed = {
                slug: weight
                for slug, weight in TRACK_WEIGHTS.items()
                if self._fits(learner["profile"], self.tracks[slug][0].audience)
            }
            count = rng.choices(range(1, 5), weights=TRACKS_PER_LEARNER)[0]
            chosen = set()
            while len(chosen) < min(count, len(allowed)):
                chosen.add(_weighted(rng, allowed))
            for slug in sorted(chosen):
                by_track[slug].append(learner)
        plans = []
        for slug, people in by_track.items():
            rng.shuffle(people)
            while people:
                size = rng.randint(8, 12)
                group, people = people[:size], people[size:]
                if plans and len(group) < 8 and plans[-1]["slug"] == slug:
                    plans[-1]["learners"].extend(group[: 12 - len(plans[-1]["learners"])])
                    continue
                plans.append({"slug": slug, "learners": group})
        for plan in plans:
            # From two years ago to three weeks ahead, Monday to Saturday.
            start = self.today - datetime.timedelta(days=rng.randint(-21, 700))
            if start.weekday() == 6:
                start += datetime.timedelta(days=1)
            plan["start"] = start
        return plans

    @staticmethod
    def _fits(profile, audience):
        return audience == "general" or audience == profile

    def _programmes(self, association, plans):
        """Per year and audience, one programme paid by one of the association's funders,
        its targets a little above what the groups deliver."""
        rng = self.rng
        names = {
            "general": "Premiers pas numériques",
            "parents": "Parents connectés",
            "job_seekers": "Emploi numérique",
        }
        needs = {}
        for plan in plans:
            track, sessions = self.tracks[plan["slug"]]
            key = (plan["start"].year, track.audience)
            places, hours = needs.get(key, (0, 0))
            minutes = sum(session.duration_minutes for session in sessions)
            needs[key] = (places + len(plan["learners"]), hours + minutes / 60)
        programmes = {}
        for (year, audience), (places, hours) in sorted(needs.items()):
            programmes[(year, audience)] = self.t.programme.add(
                funder_id=rng.choice(association["funders"])["id"],
                organisation_id=association["id"],
                name=f"{names[audience]} {year}",
                starts_on=datetime.date(year, 1, 1),
                ends_on=datetime.date(year, 12, 31),
                target_places=int(places * rng.uniform(1.0, 1.25)),
                target_hours=int(hours * rng.uniform(1.0, 1.2)),
            )
        return programmes

    def _cohort(self, association, plan, programmes):
        rng, today = self.rng, self.today
        track, sessions = self.tracks[plan["slug"]]
        start = plan["start"]
        hour = rng.choice([9, 14] if track.audience != "general" else [9, 14, 14, 18])
        trainer = rng.choice(self.trainers)
        school = association["school"] if track.audience == "parents" else None
        venue = (
            school["name"] + ", salle polyvalente"
            if school
            else (f"{association['name']}, salle {rng.randint(1, 3)}")
        )
        cohort_id = self.t.cohort.add(
            organisation_id=association["id"],
            track_id=track.pk,
            programme_id=programmes[(start.year, track.audience)],
            name=f"{track.title} — {start.strftime('%d/%m/%Y')}",
            venue=venue,
            capacity=12,
            starts_on=start,
            weekday=start.weekday(),
            start_time=datetime.time(hour, 0),
            every_weeks=1,
            school_id=school["id"] if school else None,
        )
        self.t.cohort_trainers.add(cohort_id=cohort_id, user_id=trainer)
        meetings = []
        for number, session in enumerate(sessions):
            day = start + datetime.timedelta(weeks=number)
            starts_at = self._at(day, hour)
            ends_at = starts_at + datetime.timedelta(minutes=session.duration_minutes)
            status = "planned"
            if day < today:
                status = "cancelled" if rng.random() < 0.02 else "held"
            meeting = {
                "day": day,
                "status": status,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "duration": session.duration_minutes,
            }
            meeting["id"] = self.t.meeting.add(
                cohort_id=cohort_id,
                session_plan_id=session.pk,
                number=session.number,
                starts_at=starts_at,
                duration_minutes=session.duration_minutes,
                room=venue,
                status=status,
                closed_at=ends_at if status == "held" else None,
                closed_by_id=trainer if status == "held" else None,
            )
            meetings.append(meeting)
        held = [meeting for meeting in meetings if meeting["status"] == "held"]
        ended = meetings[-1]["day"] < today
        enrolments = []
        for learner in plan["learners"]:
            enrolments.append(
                self._enrolment(cohort_id, learner, track, sessions, meetings, held, ended, trainer)
            )
        programme = programmes[(start.year, track.audience)]
        for enrolment in enrolments:
            enrolment.update(
                trainer=trainer, track=track, programme=programme, ended=ended, last=meetings[-1]
            )
            if ended:
                self._evidence(association, enrolment)
        return enrolments

    def _enrolment(self, cohort_id, learner, track, sessions, meetings, held, ended, trainer):
        rng = self.rng
        start = meetings[0]["starts_at"]
        dropped_after = None
        if len(meetings) > 1 and rng.random() < 0.12:
            dropped_after = rng.randint(1, len(meetings) - 1)
            if dropped_after > len(held):
                dropped_after = None  # would drop in the future: not yet
        if dropped_after is not None:
            status = "dropped"
        elif ended:
            status = "completed"
        elif held:
            status = "active"
        else:
            status = "enrolled"
        enrolment_id = self.t.enrolment.add(
            cohort_id=cohort_id,
            learner_id=learner["id"],
            status=status,
            drop_reason=rng.choice(DROP_REASONS) if status == "dropped" else "",
            reason="Identifiants de l'ENT jamais activés." if track.audience == "parents" else "",
            enrolled_by_id=self.coordinator,
            enrolled_at=start - datetime.timedelta(days=rng.randint(3, 25)),
        )
        assiduity = rng.choice([0.98, 0.95, 0.9, 0.85, 0.7, 0.5])
        attended = attended_minutes = 0
        for position, meeting in enumerate(held):
            if dropped_after is not None and position >= dropped_after:
                break
            draw = rng.random()
            late = 0
            if draw < assiduity:
                mark = "late" if rng.random() < 0.08 else "present"
                late = rng.choice([5, 10, 15, 20, 30]) if mark == "late" else 0
                attended += 1
                attended_minutes += meeting["duration"] - late
            else:
                mark = "excused" if rng.random() < 0.4 else "absent"
            self.t.attendance.add(
                meeting_id=meeting["id"],
                learner_id=learner["id"],
                mark=mark,
                late_minutes=late,
                minutes=None,
                marked_by_id=trainer,
                marked_at=meeting["starts_at"] + datetime.timedelta(minutes=rng.randint(2, 20)),
            )
        return {
            "id": enrolment_id,
            "learner": learner,
            "status": status,
            "attended": attended,
            "attended_minutes": attended_minutes,
            "held": len(held),
            "planned_minutes": sum(session.duration_minutes for session in sessions),
            "first": start,
        }

    def _evidence(self, association, enrolment):
        """At the end of a track: a diploma or an attendance certificate, and often the
        satisfaction survey."""
        rng = self.rng
        if enrolment["status"] != "completed" or not enrolment["attended"]:
            return
        last = enrolment["last"]
        share = enrolment["attended"] / max(1, enrolment["held"])
        learner = enrolment["learner"]
        self.t.diploma.add(
            enrolment_id=enrolment["id"],
            kind="diploma" if share >= 0.8 else "certificate",
            code=self._code("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 10),
            first_name=learner["first_name"],
            last_name=learner["last_name"],
            track_title=enrolment["track"].title,
            organisation_name=association["name"],
            attended_minutes=enrolment["attended_minutes"],
            planned_minutes=enrolment["planned_minutes"],
            competences=[],
            issued_on=last["day"],
            issued_at=last["ends_at"],
            issued_by_id=enrolment["trainer"],
        )
        if rng.random() < 0.6:
            smiley = [1, 2, 3, 3, 3, 3, 2, 3]
            self.t.satisfaction.add(
                enrolment_id=enrolment["id"],
                liked=rng.choice(smiley),
                more_at_ease=rng.choice(smiley),
                would_recommend=rng.choice(smiley),
                answered_at=last["ends_at"] - datetime.timedelta(minutes=10),
                source="meeting" if rng.random() < 0.7 else "space",
                recorded_by_id=enrolment["trainer"],
            )

    def _assessment(self, association, learner, when, phase, skill, enrolment_audience):
        """A diagnostic scored by the real scoring code, from answers drawn around `skill`
        (0 = knows nothing, 1 = knows everything)."""
        rng = self.rng
        content = self.diagnostic_content
        mode = "assisted"
        answers = {}
        for question in questions_for_mode(content, mode):
            choices = question["answers"]
            if question["kind"] == "need":
                answers[question["key"]] = rng.choice(choices)["value"]
                continue
            ranked = sorted(choices, key=lambda answer: answer["points"])
            position = min(
                len(ranked) - 1, int(rng.betavariate(1 + 4 * skill, 5 - 4 * skill) * len(ranked))
            )
            answers[question["key"]] = ranked[position]["value"]
        result = score(content, answers, mode)
        return self.t.assessment.add(
            organisation_id=association["id"],
            version_id=self.questionnaire_version.pk,
            mode=mode,
            phase=phase,
            audience=enrolment_audience,
            learner_user_id=learner["user_id"],
            person_name=f"{learner['first_name']} {learner['last_name']}",
            taken_by_id=rng.choice(self.trainers),
            status="completed",
            answers=answers,
            started_at=when - datetime.timedelta(minutes=25),
            completed_at=when,
            score=result.score,
            score_max=result.score_max,
            domain_scores=result.domain_scores,
            level=result.level,
            needs=result.needs,
            recommendation={},
        )

    def _diagnostics(self, association, learners, enrolments):
        """People with a learner account take the entry diagnostic before their first group;
        half of those who finish a track take it again at the end."""
        rng = self.rng
        first = {}
        for enrolment in enrolments:
            learner = enrolment["learner"]
            if learner["user_id"] is None:
                continue
            if learner["id"] not in first or enrolment["first"] < first[learner["id"]]["first"]:
                first[learner["id"]] = enrolment
        for enrolment in first.values():
            learner = enrolment["learner"]
            skill = rng.uniform(0.05, 0.6)
            when = enrolment["first"] - datetime.timedelta(days=rng.randint(7, 30))
            audience = enrolment["track"].audience
            self._assessment(association, learner, when, "initial", skill, audience)
            if enrolment["status"] == "completed" and rng.random() < 0.5:
                gain = rng.uniform(0.0, 0.3)
                end = enrolment["last"]["ends_at"] + datetime.timedelta(minutes=5)
                self._assessment(association, learner, end, "final", min(1, skill + gain), audience)

    def _help_and_referrals(self, association, learners):
        rng, today = self.rng, self.today
        for _visit in range(len(learners) // 4):
            learner = rng.choice(learners)
            day = today - datetime.timedelta(days=rng.randint(1, 700))
            self.t.help.add(
                organisation_id=association["id"],
                learner_id=learner["id"] if rng.random() < 0.8 else None,
                helper_id=rng.choice(self.trainers),
                date=day,
                duration_minutes=rng.choice([20, 30, 30, 45, 60, 90]),
                theme=rng.choice(HELP_THEMES),
                place=rng.choices(["venue", "home", "remote"], weights=(80, 10, 10))[0],
                notes="",
            )
        social = association["social"]
        prescribers = social["staff"][Role.PRESCRIBER]
        for learner in rng.sample(learners, k=len(learners) // 10):
            created = learner["created"] - datetime.timedelta(days=rng.randint(5, 30))
            status = rng.choices(["accepted", "declined", "sent"], weights=(75, 10, 15))[0]
            self.t.referral.add(
                organisation_id=association["id"],
                prescriber_organisation_id=social["id"],
                prescriber_id=rng.choice(prescribers),
                first_name=learner["first_name"],
                last_name=learner["last_name"],
                phone=self._phone(),
                language="fr",
                reads_french=True,
                need=rng.choice(["training", "training", "equipment", "both"]),
                receives_rsa=rng.random() < 0.4,
                lives_in_qpv=rng.random() < 0.5,
                is_job_seeker=learner["profile"] == "job_seekers",
                note=rng.choice(REFERRAL_NOTES),
                consent=True,
                status=status,
                decline_reason="Hors de notre secteur : orienté vers la structure voisine."
                if status == "declined"
                else "",
                decided_by_id=self.coordinator if status != "sent" else None,
                decided_at=created + datetime.timedelta(days=3) if status != "sent" else None,
                learner_id=learner["id"] if status == "accepted" else None,
                diagnostic_at=created + datetime.timedelta(days=10)
                if status == "accepted"
                else None,
                diagnostic_place=association["name"] if status == "accepted" else "",
                created_at=created,
            )

    def _devices(self, association, index, count, enrolments):
        """Devices given by local donors, spread over the chain; those handed over went to
        people who finished a track that hands devices over, one each."""
        rng, today = self.rng, self.today
        donors = [
            self.t.donor.add(organisation_id=association["id"], name=name, contact="", email="")
            for name in rng.sample(DONORS, k=4)
        ]
        eligible = [
            e for e in enrolments
            if e["status"] == "completed" and e["track"].device_handover
        ]  # fmt: skip
        rng.shuffle(eligible)
        waiting = [e for e in enrolments if e["status"] == "active" and e["track"].device_handover]
        households = set()
        for number in range(count):
            kind, brand, model, processor, memory, storage, system, price = rng.choice(MODELS)
            status = _weighted(rng, STATUS_WEIGHTS)
            enrolment = None
            if status in ("handed_over", "returned"):
                while eligible and enrolment is None:
                    candidate = eligible.pop()
                    household = candidate["learner"]["household"]
                    if household and household in households:
                        continue
                    households.add(household or candidate["learner"]["id"])
                    enrolment = candidate
                if enrolment is None:
                    status = "ready"
            if status == "reserved":
                enrolment = waiting.pop() if waiting else None
                if enrolment is None:
                    status = "ready"
            collected = (
                enrolment["last"]["day"] - datetime.timedelta(days=rng.randint(20, 120))
                if enrolment
                else today - datetime.timedelta(days=rng.randint(1, 600))
            )
            device_id = self.t.device.add(
                organisation_id=association["id"],
                inventory_code=f"G{index + 1:03d}-{number + 1:05d}",
                serial_number=f"{brand[:2].upper()}{index + 1:03d}{number + 1:06d}",
                kind=kind,
                brand=brand,
                model=model,
                processor=processor,
                memory_gb=memory,
                storage_gb=storage,
                operating_system=system,
                grade=rng.choice("AABBC"),
                donor_id=rng.choice(donors),
                collected_on=collected,
                batch=f"Collecte {collected.strftime('%m/%Y')}",
                price=Decimal(price),
                notes="",
                status=status,
                status_changed_at=self._at(collected),
                reserved_for_id=enrolment["id"] if status == "reserved" else None,
                weee_reference=f"DEEE-{collected.year}-{rng.randint(100, 999)}"
                if status == "recycled"
                else "",
                created_at=self._at(collected, 9),
            )
            self._chain(device_id, status, collected, enrolment, price)

    def _chain(self, device_id, status, collected, enrolment, price):
        rng, today = self.rng, self.today
        if status == "recycled":
            steps = ["received", "identified", "recycled"]
        elif status in ("reserved", "handed_over", "returned"):
            steps = (
                CHAIN + ["reserved", "handed_over"] + (["returned"] if status == "returned" else [])
            )
        else:
            steps = CHAIN[: CHAIN.index(status) + 1]
        day = collected
        previous = ""
        for step in steps:
            at = self._at(min(day, today), 10, rng.randint(0, 59))
            self.t.event.add(
                device_id=device_id,
                from_status=previous,
                to_status=step,
                actor_id=self.technician,
                at=at,
                note="",
            )
            if step == "erased" or step == "recycled":
                self.t.erasure.add(
                    device_id=device_id,
                    method="nwipe" if step == "erased" else "physical",
                    standard="nist_clear" if step == "erased" else "nist_destroy",
                    operator_id=self.technician,
                    performed_on=min(day, today),
                    result="success",
                    certificate="",
                    notes="",
                    created_at=at,
                )
            previous = step
            day += datetime.timedelta(days=rng.randint(1, 6))
        if status in ("handed_over", "returned"):
            self._handover(device_id, status, enrolment, price)

    def _handover(self, device_id, status, enrolment, price):
        rng, today = self.rng, self.today
        formula = rng.choices(["donation", "loan", "sale"], weights=(45, 30, 25))[0]
        handed = enrolment["last"]["ends_at"] - datetime.timedelta(minutes=15)
        loan_ends = handed.date() + datetime.timedelta(days=182) if formula == "loan" else None
        price = Decimal(price)
        learner_share = Decimal(rng.choice([10, 15, 20])) if formula == "sale" else Decimal(0)
        handover_status = "active"
        ended = None
        if status == "returned":
            handover_status, ended = (
                "returned",
                min(today, handed.date() + datetime.timedelta(days=150)),
            )
        elif formula == "loan" and loan_ends < today and rng.random() < 0.5:
            handover_status, ended = "bought", loan_ends
        handover_id = self.t.handover.add(
            device_id=device_id,
            enrolment_id=enrolment["id"],
            formula=formula,
            status=handover_status,
            handed_over_at=handed,
            handed_over_by_id=enrolment["trainer"],
            loan_ends_on=loan_ends,
            buyout_price=Decimal(20) if formula == "loan" else None,
            price=price if formula == "sale" else None,
            learner_share=learner_share,
            at_home=rng.random() < 0.1,
            ended_on=ended,
            learner_signature="",
            learner_signed_at=handed,
        )
        if formula == "sale":
            self.t.share.add(
                handover_id=handover_id,
                programme_id=enrolment["programme"],
                amount=price - learner_share,
            )
