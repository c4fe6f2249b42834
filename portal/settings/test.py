"""Test settings: fast hashing, emails kept in memory, no throttling noise.

A test run shares nothing with a portal running from the same checkout (`make run`) nor
with another test run: its SQLite database, uploaded files and filesystem broker live in
`var/test-runs/<run id>/`, and on Redis it uses a database of its own (the tests clear the
cache, which empties the whole Redis database). The run id is put in
the environment, so the Celery workers that tests start share the run's broker and files."""

import os
from pathlib import Path
from urllib.parse import urlparse, urlunparse

from .base import *  # noqa: F403
from .base import CELERY_BROKER_URL, DATABASES, REDIS_URL, VAR_DIR, env, filesystem_broker

SECRET_KEY = "test-only-not-a-secret"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_TASK_EAGER_PROPAGATES = True
ALLOWED_HOSTS = ["*"]
# Tests serve the static files of the source tree as they are now, never a copy that an
# earlier `make run` collected (tests/test_static_files.py runs collectstatic itself).
STORAGES = {**STORAGES, "staticfiles": {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = False

TEST_RUN_ID = os.environ.setdefault("PORTAL_TEST_RUN_ID", str(os.getpid()))
TEST_RUN_DIR = VAR_DIR / "test-runs" / TEST_RUN_ID
TEST_RUN_DIR.mkdir(parents=True, exist_ok=True)

MEDIA_ROOT = Path(env("PORTAL_PRIVATE_MEDIA_ROOT", default=str(TEST_RUN_DIR / "private")))

# A worker started by a test must see the test database, so SQLite's test database is a
# file rather than memory.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": str(TEST_RUN_DIR / "db.sqlite3")}

if CELERY_BROKER_URL.startswith("filesystem://"):
    BROKER_DIR = Path(env("CELERY_BROKER_DIR", default=str(TEST_RUN_DIR / "broker")))
    for folder in ("queue", "processed", "control"):
        (BROKER_DIR / folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = filesystem_broker(BROKER_DIR)


def _redis_database(url: str, number: int) -> str:
    return urlunparse(urlparse(url)._replace(path=f"/{number}"))


if REDIS_URL:
    TEST_REDIS_URL = _redis_database(REDIS_URL, env.int("PORTAL_TEST_REDIS_DB", default=15))
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": TEST_REDIS_URL}}
    if CELERY_BROKER_URL == REDIS_URL:
        CELERY_BROKER_URL = TEST_REDIS_URL
    CELERY_RESULT_BACKEND = TEST_REDIS_URL

# A concrete tracked item for the tests of the abstract base (tests/tracked_items, with a
# migration of its own: PostgreSQL cannot make its foreign keys before portal's tables).
INSTALLED_APPS = [*INSTALLED_APPS, "tests.tracked_items"]  # noqa: F405
