"""Test settings: fast hashing, emails kept in memory, no throttling noise."""

import os
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, env

SECRET_KEY = "test-only-not-a-secret"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_TASK_EAGER_PROPAGATES = True
MEDIA_ROOT = Path(env("PORTAL_PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "var" / "test-private")))
ALLOWED_HOSTS = ["*"]

# A worker started by a test must see the test database, so SQLite's test database is a
# file rather than memory; one per test run, so two runs on one machine do not collide.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {
        "NAME": str(BASE_DIR / "var" / f"test-{os.getpid()}.sqlite3")
    }
