import os
import subprocess
import sys

from django.conf import settings

GOOD = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "DJANGO_SECRET_KEY": "x" * 20 + "production-test-key-abcdefghijklmnopqrstuvwxyz",
    "DJANGO_ALLOWED_HOSTS": "dlxh.example.vn",
    "DATABASE_URL": "sqlite:////tmp/portal-check.sqlite3",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def manage(*args, **env):
    full = {k: v for k, v in os.environ.items()
            if k not in GOOD and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    full.update(env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=settings.BASE_DIR,
                          env=full, capture_output=True, text=True, timeout=120)


def test_production_refuses_to_start_without_a_secret_key_and_names_it():
    env = dict(GOOD)
    del env["DJANGO_SECRET_KEY"]
    result = manage("check", **env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr and "Missing required" in result.stderr


def test_production_passes_the_deployment_checklist():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **GOOD)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_vietnamese_first_settings():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert {code for code, _ in settings.LANGUAGES} == {"vi", "en"}
