"""The Content-Security-Policy: on in production, scripts from the portal's own files only."""

import pytest
from django.urls import reverse

from .test_settings import GOOD, manage

pytestmark = pytest.mark.django_db

PROBE = """
from django.test import Client, override_settings
storage = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
with override_settings(STORAGES={"default": storage, "staticfiles": storage}):
    r = Client().get("/tai-khoan/dang-nhap/", secure=True, HTTP_HOST="dlxh.example.vn")
print(r.status_code)
print(r.headers.get("Content-Security-Policy"))
"""


def test_production_answers_with_the_policy():
    result = manage("shell", "-c", PROBE, **GOOD)
    assert result.returncode == 0, result.stderr
    status, policy = result.stdout.strip().splitlines()[-2:]
    assert status == "200"
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"]
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"


def test_html_pages_carry_it_and_files_do_not(client, settings):
    settings.PORTAL_CSP = True
    assert "script-src 'self'" in client.get(reverse("login")).headers["Content-Security-Policy"]
    assert "Content-Security-Policy" not in client.get(reverse("healthz")).headers
    assert "Content-Security-Policy" not in client.get("/robots.txt").headers


def test_no_template_has_an_inline_script_or_handler(settings):
    import re
    from pathlib import Path

    handler = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
    inline = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.I)
    found = []
    for template in Path(settings.BASE_DIR).glob("**/templates/**/*.html"):
        if ".venv" in template.parts or "node_modules" in template.parts:
            continue
        text = template.read_text(encoding="utf-8")
        found += [f"{template}: {m.group(0)[:60]}" for m in handler.finditer(text)]
        found += [f"{template}: {m.group(0)}" for m in inline.finditer(text)
                  if "application/json" not in m.group(0)]
    assert found == []
