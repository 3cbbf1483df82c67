"""Development and `make run`: debug on, a fixed local secret, localhost only."""

import os

from .base import *  # noqa: F403
from .base import env_list

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-not-secret-tremplin-local-machine"  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

# Loading the demo publishes a hundred pages: keep the console readable.
LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}  # noqa: F405
