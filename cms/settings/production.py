"""Production: refuses to start without a secret key and allowed hosts; HTTPS everywhere."""

import os
from urllib.parse import urlsplit

from csp.constants import NONE
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    CONTENT_SECURITY_POLICY,
    CONTENT_SECURITY_POLICY_ADMIN,
    H5P_STORAGE,
    SECRET_KEY,
    env_bool,
)

DEBUG = False

if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY manque : définissez la variable d'environnement SECRET_KEY "
        "(au moins 50 caractères aléatoires, par exemple avec "
        '`python -c "import secrets; print(secrets.token_urlsafe(64))"`).'
    )
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS manque : définissez la variable d'environnement ALLOWED_HOSTS "
        "(noms de domaine séparés par des virgules, par exemple `tremplin.example.org`)."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
X_FRAME_OPTIONS = "DENY"
# The same in the Content-Security-Policy, which browsers prefer to X-Frame-Options. The H5P
# player (its own policy) and the Wagtail admin (its preview) may still be framed by Tremplin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "frame-ancestors": [NONE]}
}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # H5P packages stay on a local (or NFS) disk: courses.h5p serves them itself, with its
    # sandboxing Content-Security-Policy, and unpacks them in place (docs/deploy.md).
    "h5p": H5P_STORAGE,
}
# Media (images, documents, generated PDFs, signatures) on S3-compatible object storage
# when a bucket is named: what several web machines need to share uploads.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID", ""),
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY", ""),
            # Private bucket: every link is signed and expires (learners' documents).
            "querystring_auth": True,
            "querystring_expire": int(os.environ.get("AWS_QUERYSTRING_EXPIRE", "3600")),
            "default_acl": None,
            # Two uploads with one name keep both files; nothing is silently replaced.
            "file_overwrite": False,
        },
    }
    # Images and signatures are then shown from the bucket's address: let the pages load
    # them (CSP_MEDIA_ORIGINS may name other addresses, e.g. a CDN).
    endpoint = urlsplit(os.environ.get("AWS_S3_ENDPOINT_URL") or "https://s3.amazonaws.com")
    bucket_origins = [
        f"{endpoint.scheme}://{endpoint.netloc}",
        f"{endpoint.scheme}://{AWS_STORAGE_BUCKET_NAME}.{endpoint.netloc}",
    ]
    if not os.environ.get("AWS_S3_ENDPOINT_URL"):
        bucket_origins.append("https://*.amazonaws.com")
    for policy in (CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_ADMIN):
        for directive in ("img-src", "media-src"):
            policy["DIRECTIVES"][directive] = [
                *policy["DIRECTIVES"][directive],
                *bucket_origins,
            ]

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
