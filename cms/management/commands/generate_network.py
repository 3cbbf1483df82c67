"""`python manage.py generate_network --size S|M|L`: a national network for benchmarks."""

import json

from django.core.management.base import BaseCommand, CommandError

from bench.network import SIZES, Generator


class Command(BaseCommand):
    help = (
        "Génère un réseau national réaliste pour les mesures de performance "
        "(S : 10 structures, 1 000 apprenants ; M : 100 et 20 000 ; L : 500 et 200 000)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=sorted(SIZES), default="S")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, size, seed, **options):
        generator = Generator(size, seed=seed, log=self.stdout.write)
        try:
            counts = generator.run()
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(counts, ensure_ascii=False, indent=1))
