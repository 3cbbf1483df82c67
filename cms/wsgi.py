"""WSGI entry point (gunicorn cms.wsgi). Production settings unless told otherwise."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = get_wsgi_application()


def _warm_up():
    """Import every view and load the catalogues now, once, in gunicorn's master
    (preload_app): otherwise each new worker does it on its first request, which then takes
    about 2 s while the requests queued behind it wait (seen in the load test)."""
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018 — imports the URL modules and their views
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Tremplin")


_warm_up()
