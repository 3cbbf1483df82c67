"""Settings shared by every environment; values come from the environment.

dev, test and production import everything from here and change only what differs.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("TREMPLIN_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "oui"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Tremplin, in dependency order (see ARCHITECTURE.md).
    "core",
    "documents",
    "accounts",
    "courses",
    "diagnostics",
    "cohorts",
    "equipment",
    "reports",
    "privacy",
    "spaces.public",
    "spaces.trainer",
    "spaces.learner",
    "spaces.cpe",
    "spaces.prescriber",
    "spaces.coordinator",
    "spaces.workshop",
    "spaces.funder",
    "spaces.diagnostic",
    "demo",
    "cms",
    # Wagtail.
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts.
    "allauth",
    "allauth.account",
    # Background work, htmx, Content-Security-Policy.
    "django_q",
    "django_htmx",
    "csp",
    # Django.
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cms.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that it sees a view's database error first.
    "cms.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: DATABASE_URL selects it; the embedded default is a SQLite file under var/.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'tremplin.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        # A kept connection is checked before each request reuses it: after a PostgreSQL
        # restart the next request reconnects instead of failing (tests/faults).
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: Tremplin's queries are short, and on the funder reports PostgreSQL
    # spent 5 s compiling a plan that runs in 0.15 s (bench/README.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
# Memory for each sort or grouping of the funder reports' queries (PostgreSQL's work_mem, set
# for their transaction only): with the default 4 MB, a network's completion spilled 44 MB to
# disk. Empty: the server's setting.
REPORTS_WORK_MEM = os.environ.get("REPORTS_WORK_MEM", "64MB")
# Connections on which the parts of a funder report run side by side (PostgreSQL only; 1: one
# after the other). Each report opens that many for its duration.
REPORTS_CONNECTIONS = int(os.environ.get("REPORTS_CONNECTIONS", "2"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default lives under var/, which a fresh clone does not have yet.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the web server and the django-q2 worker share the file without locking out.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "accounts.backends.LearnerCodeBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:landing"
LOGOUT_REDIRECT_URL = "/"

# django-allauth: staff sign in with their username or e-mail; nobody signs up alone —
# coordinators create accounts.
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
ACCOUNT_SESSION_REMEMBER = None

# Learner log-in with a code and a PIN (accounts.services.learner_authenticate).
LEARNER_PIN_MAX_ATTEMPTS = int(os.environ.get("LEARNER_PIN_MAX_ATTEMPTS", "5"))
LEARNER_PIN_LOCK_MINUTES = int(os.environ.get("LEARNER_PIN_LOCK_MINUTES", "15"))
# Failed tries from one network address, whatever the code, per window (stops code guessing).
LEARNER_LOGIN_IP_LIMIT = int(os.environ.get("LEARNER_LOGIN_IP_LIMIT", "30"))
LEARNER_LOGIN_IP_WINDOW_SECONDS = 600

# Personal data (privacy.services.anonymise_inactive): a learner's file is anonymised after
# this many days without contact — CNIL délibération 2023-095: two years after the last
# contact for social-support records.
PRIVACY_RETENTION_DAYS = int(os.environ.get("PRIVACY_RETENTION_DAYS", "730"))

# Internationalisation: French is the source language, English the second.
LANGUAGE_CODE = "fr"
# French first; English for staff and learners who read it; Arabic, read by many allophone
# learners (right to left: base.html sets dir="rtl" from the language's bidi flag).
LANGUAGES = [("fr", "Français"), ("en", "English"), ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = [("fr", "Français")]

# Static and media files.
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    BASE_DIR / "cms" / "static",
    # htmx from the npm registry (package.json), served as /static/vendor/htmx/htmx.min.js.
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    # signature_pad from npm, for signing the attendance sheet on screen.
    ("vendor/signature_pad", BASE_DIR / "node_modules" / "signature_pad" / "dist"),
]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # h5p-standalone from npm, the H5P player, without its text web fonts.
    "courses.h5p.staticfiles.H5PStandaloneFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Unpacked H5P packages live outside MEDIA_ROOT on purpose: the web server must never serve
# them; only spaces.learner.h5p does, under /h5p/, with the sandboxing Content-Security-Policy
# (a package's SVG or script served from /media/ would run with Tremplin's origin).
H5P_ROOT = Path(os.environ.get("H5P_ROOT", VAR_DIR / "h5p"))
H5P_STORAGE = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": H5P_ROOT, "base_url": "/h5p/"},
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "h5p": H5P_STORAGE,
}

# Uploads. A request's form fields (not its files) may weigh 2.5 MB at most: more is refused
# with the French 400 page (cms/templates/400.html). Files go to a temporary file beyond
# 2.5 MB, and each form checks its own limit with a French message: H5P packages 60 MB,
# spreadsheets to import 2 MB, paper attendance sheets 10 MB, signatures 300 KB; nginx
# refuses bodies over 64 MB before they reach Django (docs/deploy.md).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000

# Fonts embedded in PDFs (npm package dejavu-fonts-ttf, installed by make).
PDF_FONT_DIR = Path(
    os.environ.get("PDF_FONT_DIR", BASE_DIR / "node_modules" / "dejavu-fonts-ttf" / "ttf")
)

# Cache and django-q2 broker: Redis when REDIS_URL is set, otherwise local memory and the ORM.
REDIS_URL = os.environ.get("REDIS_URL", "")
# The cache fails open (cms/cache.py): Redis down, pages are still served, without it. Short
# socket timeouts, so that a Redis host that stops answering holds no request for long.
REDIS_CACHE_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 1}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "cms.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "tremplin",
            "OPTIONS": REDIS_CACHE_OPTIONS,
        },
        # Wagtail looks up image renditions in the cache named "renditions" when there is
        # one: shared by every web machine, a thumbnail is looked up once, not per process.
        "renditions": {
            "BACKEND": "cms.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "tremplin-renditions",
            "OPTIONS": REDIS_CACHE_OPTIONS,
            "TIMEOUT": 7 * 24 * 3600,
        },
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

Q_CLUSTER = {
    "name": "tremplin",
    "workers": int(os.environ.get("Q_WORKERS", "2")),
    # A task may run for `timeout` seconds; it is retried only after `retry`, which must be
    # longer, so that a slow task is never run twice at once.
    "timeout": 300,
    "retry": 360,
    "max_attempts": 3,
    "queue_limit": 50,
    "bulk": 10,
    "catch_up": False,
    "label": "Tâches de fond",
}
# PDF batches (handouts, diplomas, ceremony and attendance sheets: documents.store.document_request)
# may have their own queue, so that a batch of 200 diplomas never holds up the reminders.
# Opt-in: with Q_PDF_CLUSTER=pdf they are queued under "pdf", and only a cluster started with
# Q_CLUSTER_NAME=pdf runs them (docs/deploy.md); unset, the one default cluster runs
# everything (make run, tests).
Q_PDF_CLUSTER = os.environ.get("Q_PDF_CLUSTER", "")
Q_CLUSTER["ALT_CLUSTERS"] = {
    # django-q2 applies these on top of Q_CLUSTER when Q_CLUSTER_NAME names this cluster.
    Q_PDF_CLUSTER or "pdf": {
        "workers": int(os.environ.get("Q_PDF_WORKERS", "1")),
        "timeout": 600,
        "retry": 720,
    },
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

# E-mail: console in development; SMTP from the environment in production.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Tremplin <ne-pas-repondre@tremplin.local>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# SMS to learners (session reminders): written to the console unless a provider is set,
# e.g. SMS_BACKEND=cohorts.sms.HttpBackend with its API address and token.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "cohorts.sms.ConsoleBackend")
SMS_API_URL = os.environ.get("SMS_API_URL", "")
SMS_API_TOKEN = os.environ.get("SMS_API_TOKEN", "")
SMS_API_TIMEOUT = int(os.environ.get("SMS_API_TIMEOUT", "10"))
SMS_SENDER = os.environ.get("SMS_SENDER", "Tremplin")

# Wagtail.
WAGTAIL_SITE_NAME = "Tremplin"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILADMIN_LOGIN_URL = "wagtailadmin_login"

# Security defaults shared by every environment.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp, cms.middleware): the browser runs only Tremplin's own
# script and style files: no inline <script>, style="" or on…="" (a name typed as
# <script>… that slipped through escaping would stay inert). Data URIs for the QR codes;
# frames from Tremplin itself (the H5P player under /h5p/ sends its own, sandboxing policy,
# which the middleware leaves as it is). The one inline style, in 500.html (which must not
# depend on static files), is allowed by its hash: tests/security/test_headers.py checks it.
ERROR_PAGE_STYLE_HASH = "'sha256-DgQCfgHyWD4wLsLF1s77GNSjcoCZOIV6eE85xYsEuts='"
# Where media is served from when it is not Tremplin itself (S3 in production).
CSP_MEDIA_ORIGINS = env_list("CSP_MEDIA_ORIGINS")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, ERROR_PAGE_STYLE_HASH],
        "img-src": [SELF, "data:", *CSP_MEDIA_ORIGINS],
        "media-src": [SELF, *CSP_MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}
# The Wagtail admin (/admin/) still writes inline scripts (the page editor and explorer,
# model forms: seen in Chromium), so it gets this relaxed policy instead of the one above:
# inline code allowed (no eval), but still nothing loaded from other sites, no plugins and
# no framing by them. Only signed-in coordinators reach it.
CONTENT_SECURITY_POLICY_ADMIN_PREFIX = "/admin/"
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:", *CSP_MEDIA_ORIGINS],
        "font-src": [SELF, "data:"],
    }
}
# Wagtail's default avatars come from gravatar.com: a request to another site for every
# coordinator (and blocked by the policy above). Wagtail shows its own default avatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Number of reverse proxies in front of Django that append to X-Forwarded-For (nginx: 1).
# 0 trusts REMOTE_ADDR only. Rate limits per address rely on it.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # One line per background task run by Wagtail: too chatty for the console.
        "django_tasks": {"level": "WARNING"},
    },
}
