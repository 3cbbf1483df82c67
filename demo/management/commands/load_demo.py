"""`python manage.py load_demo`: the demo network with one account per role (idempotent)."""

from django.core.management.base import BaseCommand

from demo.accounts import load_accounts
from demo.branding import load_branding
from demo.cohorts import load_cohorts
from demo.courses import load_courses, load_exercises
from demo.diagnostics import load_diagnostics
from demo.equipment import load_equipment
from demo.exercise_results import load_exercise_results
from demo.families import load_families
from demo.referrals import load_referrals
from demo.survey import load_survey_answers


class Command(BaseCommand):
    help = "Crée les données de démonstration (sans effet si elles existent déjà)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet-accounts",
            action="store_true",
            help="Ne pas afficher les comptes de démonstration.",
        )

    def handle(self, *args, quiet_accounts=False, **options):
        _organisations, accounts = load_accounts()
        load_branding()
        catalogue = load_courses()
        exercises = load_exercises()
        load_diagnostics()
        cohorts = load_cohorts()
        load_referrals()
        load_families()
        load_equipment()
        load_exercise_results()
        load_survey_answers()
        if quiet_accounts:
            return
        self.stdout.write(self.style.SUCCESS("Données de démonstration prêtes."))
        tracks = catalogue.get_children().count()
        self.stdout.write(
            f"{tracks} parcours dans le catalogue http://127.0.0.1:8000{catalogue.url}"
        )
        if exercises:
            self.stdout.write(f"{len(exercises)} exercices H5P ajoutés aux séances")
        for cohort in cohorts:
            self.stdout.write(f"Groupe « {cohort.name} » : {cohort.enrolments.count()} inscrits")
        self.stdout.write("")
        self.stdout.write("Comptes de démonstration (http://127.0.0.1:8000) :")
        width = max(len(row[0]) for row in accounts)
        for role, id_label, identifier, secret_label, secret in accounts:
            label = f"{id_label} :"
            self.stdout.write(
                f"  {role:<{width}}  {label:<13} {identifier:<15} {secret_label} : {secret}"
            )
        self.stdout.write("")
        self.stdout.write("  Équipe : http://127.0.0.1:8000/comptes/login/")
        self.stdout.write("  Apprenants : http://127.0.0.1:8000/apprenant/connexion/")
