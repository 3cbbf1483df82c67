"""h5p-standalone (npm) as static files, without its optional web fonts.

The player's stylesheet declares Inter and Open Sans; learners' pages load no web font,
so the copy we serve drops those `@font-face` rules (the H5P icon fonts stay: buttons of
packages from h5p.org draw their icons with them) and only the files the player needs are
published, under `vendor/h5p-standalone/`.
"""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PREFIX = "vendor/h5p-standalone"
SHIPPED = (
    "main.bundle.js",
    "frame.bundle.js",
    "fonts/h5p-core-30.woff2",
    "fonts/h5p-theme.woff2",
    "images/h5p.svg",
    "images/throbber.gif",
)
STYLESHEET = "styles/h5p.css"
KEPT_FONTS = {"h5p", "h5p-theme"}
FONT_FACE = re.compile(r"@font-face\s*{[^}]*}", re.IGNORECASE)
FAMILY = re.compile(r"font-family:\s*['\"]?([^'\";]+)['\"]?", re.IGNORECASE)


def package_dir():
    return Path(settings.BASE_DIR) / "node_modules" / "h5p-standalone" / "dist"


def build_dir():
    return Path(settings.VAR_DIR) / "build" / "h5p-standalone"


def stylesheet_without_web_fonts(css):
    """The player's CSS minus the @font-face rules of text fonts."""

    def keep(match):
        family = FAMILY.search(match.group(0))
        return match.group(0) if family and family.group(1).strip().lower() in KEPT_FONTS else ""

    return FONT_FACE.sub(keep, css)


def _stylesheet_path():
    source = package_dir() / STYLESHEET
    target = build_dir() / STYLESHEET
    if source.exists() and (not target.exists() or target.stat().st_mtime < source.stat().st_mtime):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            stylesheet_without_web_fonts(source.read_text(encoding="utf-8")), encoding="utf-8"
        )
    return target


class _Storage(FileSystemStorage):
    """Serves the shipped files from node_modules and the stripped stylesheet from var/."""

    prefix = PREFIX

    def path(self, name):
        if name == STYLESHEET:
            return str(_stylesheet_path())
        return str(package_dir() / name)


class H5PStandaloneFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storage = _Storage(location=str(package_dir()))

    def _relative(self, path):
        prefix = PREFIX + "/"
        if not path.startswith(prefix):
            return None
        relative = path[len(prefix) :]
        return relative if relative in SHIPPED or relative == STYLESHEET else None

    def find(self, path, find_all=False, **kwargs):
        relative = self._relative(path)
        if relative is None:
            return []
        found = Path(self.storage.path(relative))
        if not found.exists():
            return []
        return [str(found)] if find_all else str(found)

    def list(self, ignore_patterns):
        if not package_dir().exists():
            return
        for relative in (*SHIPPED, STYLESHEET):
            if Path(self.storage.path(relative)).exists():
                yield relative, self.storage

    def check(self, **kwargs):
        return []
