"""Which outside services this machine offers the tests, and what to do when one is missing.

Locally a missing PostgreSQL, Redis or Chromium skips the tests that need it, and the run
ends with a line saying so. With PORTAL_REQUIRE_SERVICES=1 (CI) a missing one fails."""

from __future__ import annotations

import os
import shutil
import socket
from collections import Counter
from urllib.parse import urlparse

import pytest

REQUIRED = os.environ.get("PORTAL_REQUIRE_SERVICES") == "1"
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
skipped: Counter[str] = Counter()
reasons: dict[str, str] = {}


def port_open(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1",
                                       parsed.port or default_port), timeout=1):
            return True
    except OSError:
        return False


def need(service: str, available: bool, why: str) -> None:
    if available:
        return
    if REQUIRED:
        pytest.fail(f"{service} is required here (PORTAL_REQUIRE_SERVICES=1) but {why}",
                    pytrace=False)
    skipped[service] += 1
    reasons[service] = why
    pytest.skip(f"needs {service}: {why}")


def need_redis() -> str:
    need("Redis", port_open(REDIS_URL, 6379), f"nothing answers at {REDIS_URL}")
    return REDIS_URL


def need_chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    need("Chromium", path is not None, "no `chromium` on PATH (apt-get install chromium)")
    return path  # type: ignore[return-value]


def need_pdf_tools() -> None:
    """WeasyPrint needs Pango from the system; the tests read PDFs back with poppler-utils."""
    try:
        import weasyprint  # noqa: F401
        pango = None
    except OSError as error:
        pango = str(error).splitlines()[0]
    need("Pango (for WeasyPrint)", pango is None,
         f"WeasyPrint cannot load it ({pango}); apt-get install libpango-1.0-0 libpangoft2-1.0-0")
    need("poppler-utils", shutil.which("pdftotext") is not None,
         "no `pdftotext` on PATH (apt-get install poppler-utils)")


def need_postgres() -> None:
    from django.db import connection

    need("PostgreSQL", connection.vendor == "postgresql",
         "DATABASE_URL does not point at PostgreSQL")


def summary_lines() -> list[str]:
    return [
        f"SKIPPED {count} test(s) needing {service}: {reasons[service]}. "
        f"CI runs them with PORTAL_REQUIRE_SERVICES=1."
        for service, count in sorted(skipped.items())
    ]
