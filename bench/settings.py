"""Settings for the benchmarks: the production code path (DEBUG off, no debug cursor),
on the local machine, without HTTPS so that the in-process client can talk to it."""

import os

from cms.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY") or "bench-only-not-secret-tremplin"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}  # noqa: F405
