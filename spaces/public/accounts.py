"""Landing after log-in, the learner code + PIN log-in, Wagtail's log-in with a brake on wrong
passwords, and the staff's list of learner accounts with its PIN cards (served by the
coordinator's urls.py until this module is split)."""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.views.account import LoginView as WagtailLoginView

from accounts import selectors, services, throttle
from accounts.decorators import role_required
from accounts.models import LearnerAccount, Role
from accounts.spaces import ROLE_LANDING

from .forms import LearnerLoginForm


def landing_url(user):
    if user.is_learner:
        return reverse("cohorts:learner_home")
    roles = user.active_roles()
    if roles:
        return reverse(ROLE_LANDING[roles[0]])
    if user.is_superuser:
        return reverse("wagtailadmin_home")
    return reverse("accounts:no_role")


@login_required
def landing(request):
    """Send each person to the space of their strongest role."""
    return redirect(landing_url(request.user))


@login_required
def no_role(request):
    return render(request, "public/no_role.html", status=403)


def learner_login(request):
    """Learners sign in with their code and PIN; no e-mail, no password."""
    if request.user.is_authenticated and request.user.is_learner:
        return redirect("cohorts:learner_home")
    initial = {"code": request.GET.get("code", "")[:20]}
    form = LearnerLoginForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.learner_authenticate(
                request=request,
                code=form.cleaned_data["code"],
                pin=form.cleaned_data["pin"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, user, backend="accounts.backends.LearnerCodeBackend")
            response = redirect("cohorts:learner_home")
            _learner_language(request, user, response)
            return response
    return render(request, "public/learner_login.html", {"form": form})


def _learner_language(request, user, response):
    """A learner who reads another of the site's languages (noted in their file) gets it
    at log-in, unless they already chose one with the switch."""
    if settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
        return
    learner_file = getattr(user, "learner_file", None)  # cohorts.Learner, by its relation
    language = getattr(learner_file, "language", "") or ""
    if language in dict(settings.LANGUAGES) and language != settings.LANGUAGE_CODE:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        )


@role_required(Role.COORDINATOR, Role.TRAINER)
def learner_accounts(request):
    """The learner accounts a trainer may help: code, lock-out state, new PIN button."""
    accounts = (
        LearnerAccount.objects.visible_to(request.user)
        .select_related("user", "organisation")
        .order_by("user__last_name", "user__first_name")
    )
    return render(request, "public/learner_accounts.html", {"accounts": accounts})


@require_POST
@role_required(Role.COORDINATOR, Role.TRAINER)
def learner_pin_reset(request, account_id):
    """Give a learner a new PIN and show the printable card once."""
    selectors.learner_account_get(actor=request.user, account_id=account_id)
    account, pin = services.learner_pin_reset(actor=request.user, account_id=account_id)
    messages.success(request, _("Nouveau code PIN créé. Donnez cette carte à la personne."))
    return render_pin_card(request, account, pin)


def render_pin_card(request, account, pin):
    """The printable card with the code, the PIN and a QR code to the log-in page, shown
    once and never cached."""
    login_url = request.build_absolute_uri(
        reverse("accounts:learner_login") + f"?code={account.code}"
    )
    qr_svg = segno.make(login_url, error="m").svg_inline(scale=4, title=_("Se connecter"))
    response = render(
        request,
        "public/learner_pin_card.html",
        {"account": account, "pin": pin, "login_url": login_url, "qr_svg": mark_safe(qr_svg)},  # noqa: S308 (segno output)
    )
    # The PIN is shown once: never keep this page in a cache or the browser's history.
    response["Cache-Control"] = "no-store"
    return response


class ThrottledAdminLoginView(WagtailLoginView):
    """Wagtail's own log-in page, with the same brake on wrong passwords as allauth's."""

    limit = 10
    window = 300

    def post(self, request, *args, **kwargs):
        username = (request.POST.get("username") or "").strip().lower()
        keys = [f"admin-login-ip:{throttle.client_ip(request)}", f"admin-login-user:{username}"]
        if not all(throttle.hit(key, limit=self.limit, window=self.window) for key in keys):
            messages.error(
                request,
                _("Trop d'essais de connexion. Attendez quelques minutes avant de réessayer."),
            )
            form = self.get_form_class()(request)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        response = super().post(request, *args, **kwargs)
        if request.user.is_authenticated:
            for key in keys:
                throttle.reset(key)
        return response
