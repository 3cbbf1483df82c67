"""Test settings: fast hasher, local-memory cache, tasks run in the test process."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, H5P_STORAGE, Q_CLUSTER

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# A worker started by a test (tests/documents/test_worker.py) is told the same media folder.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or tempfile.mkdtemp(prefix="tremplin-test-media-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="tremplin-test-static-"))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
H5P_ROOT = Path(os.environ.get("H5P_ROOT") or tempfile.mkdtemp(prefix="tremplin-test-h5p-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "h5p": {**H5P_STORAGE, "OPTIONS": {"location": H5P_ROOT, "base_url": "/h5p/"}},
}
# Tasks run inline in tests, except in a real worker started by a test.
Q_CLUSTER = {**Q_CLUSTER, "sync": os.environ.get("TREMPLIN_Q_SYNC", "1") == "1", "workers": 1}
Q_CLUSTER.pop("redis", None)
Q_CLUSTER["orm"] = "default"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not memory, so that a real django-q2 worker process can share the test database.
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("TREMPLIN_TEST_DB")
        or str(Path(tempfile.mkdtemp(prefix="tremplin-test-db-")) / "test.sqlite3")
    }
