"""Language choice (French unless the person picked another language with the switch), the
Content-Security-Policy, and a clear page when the database does not answer."""

import logging

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme

logger = logging.getLogger(__name__)


class ChosenLanguageMiddleware:
    """Like Django's LocaleMiddleware, but ignores the browser's Accept-Language.

    Tremplin speaks French first: a phone bought abroad or set up in English by a relative
    must not turn the trainer's projected page or a learner's card into English. Only the
    language switch (a cookie set by django.views.i18n.set_language) changes it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the relaxed policy of
    `CONTENT_SECURITY_POLICY_ADMIN` under the Wagtail admin (see the settings for why).

    A response that already carries a policy (the H5P player's sandbox) keeps it.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.CONTENT_SECURITY_POLICY_ADMIN_PREFIX)
        ):
            parts.config = dict(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        return parts


class DatabaseUnavailableMiddleware:
    """The database stopped answering in the middle of a request (PostgreSQL restarting, a
    cut connection, SQLite busy past its timeout): a French 503 page saying that nothing was
    saved and to try again in a minute, instead of the generic error page. Nothing is
    half-saved: the request's transaction never committed. The page is rendered without the
    request's context, whose processors would read the database; the next request
    reconnects (CONN_HEALTH_CHECKS). The roll-call tap has its own answer for htmx
    (spaces.trainer.views.database_unavailable_as_503)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.exception("database unavailable during %s", request.path)
        response = HttpResponse(
            render_to_string("503.html", {"again": self._again(request)}), status=503
        )
        response["Retry-After"] = "60"
        return response

    @staticmethod
    def _again(request):
        """Where "Réessayer" leads: the same page for a GET; for a form sent (POST), the page
        it was sent from, when it is one of Tremplin's, else the home page."""
        if request.method == "GET":
            return request.get_full_path()
        referer = request.META.get("HTTP_REFERER", "")
        safe = url_has_allowed_host_and_scheme(
            referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        return referer if safe else "/"
