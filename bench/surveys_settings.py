"""Settings of the surveys benchmark's server: the portal as in production (DEBUG off,
persistent connections, the same middleware), plus a bare view in the benchmark's own
URLconf so both are measured by the same server in the same run."""

import os

# The portal's own database settings, on the benchmark's database.
os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]

from portal.settings.base import *  # noqa: E402, F403
from portal.settings.base import DATABASES, env  # noqa: E402

SECRET_KEY = "bench-only-" + "x" * 50
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.surveys_urls"
DATABASES["default"]["CONN_MAX_AGE"] = 60  # as in production
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "root": {"handlers": [], "level": "ERROR"}}

# The results page is measured twice: computing (no cache) and served from the cache.
if env("BENCH_CACHE", default="") == "dummy":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
elif env("BENCH_CACHE", default="") == "locmem":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

