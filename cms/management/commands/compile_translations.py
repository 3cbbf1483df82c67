"""Compile every locale/*/LC_MESSAGES/*.po into .mo with Babel.

Django's own compilemessages needs GNU gettext's msgfmt, which a fresh machine may lack;
this command needs only the project's Python dependencies.
"""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile les catalogues de traduction (.po → .mo) sans GNU gettext."

    def handle(self, *args, **options):
        compiled = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                with po_path.open("rb") as po_file:
                    try:
                        catalog = read_po(po_file, abort_invalid=True)
                    except Exception as error:
                        raise CommandError(f"{po_path}: {error}") from error
                with mo_path.open("wb") as mo_file:
                    write_mo(mo_file, catalog, use_fuzzy=False)
                compiled += 1
        self.stdout.write(f"{compiled} catalogue(s) compilé(s).")
