"""Settings shared by every environment, read from environment variables.

`local` (the default for manage.py) and `test` add developer conveniences; `production`
refuses to start without its secrets. Every variable is listed in README.md.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # runserver leaves static files to WhiteNoise, which serves them as in production.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "template_partials",
    "simple_history",
    "axes",
    "django_celery_beat",
    "portal",
    "collaborators",
    "surveys",
    "directives",
    # The other areas of dispatch 360, one app each inside directives/.
    "directives.meetings",
    "directives.dialogue",
    "directives.inspections",
    "directives.practices",
    "directives.bulletins",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Django's session middleware, except that answering a survey never saves the session.
    "surveys.middleware.SessionUntouchedWhenAnswering",
    "portal.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes goes last so it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "portal.context_processors.menu",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"
    ),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django turns psycopg's prepared statements off, for poolers in transaction mode.
    # Its own cursors bind on the client and never prepare, so a threshold no statement
    # reaches changes nothing for them; it only lets a statement that asks (the survey
    # submission, see surveys.services.submission) be prepared. 0 turns that off too.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "prepare_threshold", env.int("DATABASE_PREPARE_THRESHOLD", default=2**31 - 1) or None)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves several requests at once: a transaction takes the write
    # lock when it begins (two deferred ones that both read, then both write, deadlock and
    # one fails at once with "database is locked"), and a writer waits its turn for up to
    # SQLITE_BUSY_TIMEOUT seconds. WAL lets pages be read while an answer is written.
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=20),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    })
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "portal.auth_backends.EmailOrUsernameBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "portal.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "portal.password_validation.MinimumLengthValidator"},
    {"NAME": "portal.password_validation.CommonPasswordValidator"},
    {"NAME": "portal.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after eight idle hours, and with the browser.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Login throttling: after AXES_FAILURE_LIMIT failures for one account from one address,
# that pair is locked out for AXES_COOLOFF_TIME.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Counted per account, whatever spelling or address of it was typed (see the function).
AXES_USERNAME_CALLABLE = "portal.auth_backends.lockout_username"
# ...and on the client's address, read behind PORTAL_PROXY_COUNT reverse proxies.
PORTAL_PROXY_COUNT = env.int("PORTAL_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "portal.auth_backends.client_address"
AXES_LOCKOUT_CALLABLE = "portal.views.auth.lockout"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Content-Security-Policy (portal.middleware): on in production, off elsewhere unless asked.
PORTAL_CSP = env.bool("PORTAL_CSP", default=False)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["portal.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(env("PORTAL_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "portal.storage.CollectedStaticFilesStorage"},
}
# Once collectstatic has run (`make run` does, the image does), WhiteNoise serves its
# gzip/Brotli copies under hashed names with a year's caching, DEBUG or not; before that,
# the plain files from the source folders.
WHITENOISE_USE_FINDERS = not (STATIC_ROOT / "staticfiles.json").exists()
WHITENOISE_AUTOREFRESH = WHITENOISE_USE_FINDERS
# Uploaded files are private: there is no MEDIA_URL route, and every download goes
# through a view that checks permission.
MEDIA_ROOT = Path(env("PORTAL_PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Cổng DLXH Công đoàn ĐHQG-HCM <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # A cache that cannot be reached means computing the page, never an error.
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery. Without REDIS_URL or CELERY_BROKER_URL the broker is kombu's filesystem
# transport under var/broker: nothing to install, and web, worker and beat still talk.
def filesystem_broker(folder: Path) -> dict:
    """kombu's filesystem transport options for a broker kept in `folder`."""
    return {"data_folder_in": str(folder / "queue"), "data_folder_out": str(folder / "queue"),
            "processed_folder": str(folder / "processed"),
            "control_folder": str(folder / "control"), "store_processed": False}


BROKER_DIR = Path(env("CELERY_BROKER_DIR", default=str(VAR_DIR / "broker")))
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = filesystem_broker(BROKER_DIR)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL or None)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 300
CELERY_TASK_TIME_LIMIT = 360
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The worker writes a heartbeat this often; /healthz calls it dead after WORKER_STALE_AFTER.
WORKER_HEARTBEAT_SECONDS = env.int("WORKER_HEARTBEAT_SECONDS", default=15)
WORKER_STALE_AFTER = timedelta(seconds=env.int("WORKER_STALE_SECONDS", default=60))
# Report jobs: a request waits at most REPORTS_BROKER_TIMEOUT s for the broker; workers
# sweep lost jobs every REPORTS_SWEEP_SECONDS; a render renews its lease, lost after
# REPORTS_LEASE_SECONDS; a queued job sent that long ago is sent again (REPORTS_RESEND_SECONDS).
REPORTS_BROKER_TIMEOUT = env.float("REPORTS_BROKER_TIMEOUT", default=1.0)
REPORTS_SWEEP_SECONDS = env.int("REPORTS_SWEEP_SECONDS", default=15)
REPORTS_LEASE_SECONDS = env.int("REPORTS_LEASE_SECONDS", default=30)
REPORTS_RESEND_SECONDS = env.int("REPORTS_RESEND_SECONDS", default=45)

# Anonymous surveys keep of each respondent only a profile at least this many invited
# people share (surveys.services.generalisation).
SURVEY_ANONYMITY_K = env.int("SURVEY_ANONYMITY_K", default=5)
# The order in which they are generalised (shown to each survey's owner): details are
# dropped before units are rolled up, so that breakdowns by unit, the ones the committee
# reads, survive in all but the smallest units.
SURVEY_GENERALISATION_ORDER = env.list("SURVEY_GENERALISATION_ORDER",
                                       default=["age_band", "gender", "staff_group", "unit"])

# Deadlines and rhythms of the areas of dispatch 360 (docs/design/LAW.md says where each
# comes from and how sure it is). Working days skip weekends and portal.Holiday.
DIRECTIVES_REMIND_BEFORE_WORKING_DAYS = env.int("DIRECTIVES_REMIND_BEFORE_WORKING_DAYS",
                                                default=3)
MEETINGS_CADENCE = env.dict("MEETINGS_CADENCE",
                            default={"university": "monthly", "unit": "monthly"})
MEETINGS_REMIND_BEFORE = env.int("MEETINGS_REMIND_BEFORE", default=3)
UNIT_REPORT_DUE_DAY = env.int("UNIT_REPORT_DUE_DAY", default=5)
UNIT_REPORT_REMIND_DAYS = env.int("UNIT_REPORT_REMIND_DAYS", default=3)
DIALOGUE_CONFERENCE_MONTHS = env.int("DIALOGUE_CONFERENCE_MONTHS", default=3)
DIALOGUE_AGENDA_WORKING_DAYS = env.int("DIALOGUE_AGENDA_WORKING_DAYS", default=5)
DIALOGUE_SUMMARY_WORKING_DAYS = env.int("DIALOGUE_SUMMARY_WORKING_DAYS", default=3)
DIALOGUE_COMMITMENT_REMINDER_WORKING_DAYS = env.int(
    "DIALOGUE_COMMITMENT_REMINDER_WORKING_DAYS", default=3)
DIALOGUE_CASE_INTAKE_DAYS = env.int("DIALOGUE_CASE_INTAKE_DAYS", default=10)
DIALOGUE_CASE_ANSWER_DAYS = env.dict(
    "DIALOGUE_CASE_ANSWER_DAYS", cast={"value": int},
    default={"petition": 15, "feedback": 10, "complaint": 22})
DIALOGUE_CASE_URGENCY_DAYS = env.dict("DIALOGUE_CASE_URGENCY_DAYS", cast={"value": int},
                                      default={"soon": 10, "urgent": 5})
DIALOGUE_CASE_REOPEN_DAYS = env.int("DIALOGUE_CASE_REOPEN_DAYS", default=10)
DIALOGUE_CASE_REMIND_DAYS = env.int("DIALOGUE_CASE_REMIND_DAYS", default=3)
DIALOGUE_RECEIPT_ATTEMPTS = env.int("DIALOGUE_RECEIPT_ATTEMPTS", default=10)
DIALOGUE_RECEIPT_WINDOW_MINUTES = env.int("DIALOGUE_RECEIPT_WINDOW_MINUTES", default=15)
INSPECTIONS_REMIND_BEFORE = env.int("INSPECTIONS_REMIND_BEFORE", default=3)
BULLETINS_QUESTIONS_PER_DAY = env.int("BULLETINS_QUESTIONS_PER_DAY", default=5)

# Where people reach the portal: links in emails point here.
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Personal answer links are logged without their token (surveys.redaction).
    "filters": {"answer_links": {"()": "surveys.redaction.AnswerLinkFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["answer_links"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
