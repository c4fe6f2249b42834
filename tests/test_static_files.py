"""The embedded run (`make run`: local settings, DEBUG on, runserver) serves static files as
production does: compressed, under hashed names a browser keeps for a year."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

YEAR = 365 * 24 * 60 * 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, encoding: str = "identity", method: str = "GET"):
    request = urllib.request.Request(url, method=method, headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers, response.read()


@pytest.fixture(scope="module")
def embedded_run(tmp_path_factory):
    """collectstatic then runserver, as `make run` does, on a folder and port of their own."""
    folder = tmp_path_factory.mktemp("embedded")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.local",
           "PORTAL_STATIC_ROOT": str(folder / "static"),
           "DATABASE_URL": f"sqlite:///{folder / 'portal.sqlite3'}"}
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
    subprocess.run(manage + ["collectstatic", "--noinput", "-v0"], env=env, check=True,
                   timeout=300)
    port = free_port()
    server = subprocess.Popen(manage + ["runserver", f"127.0.0.1:{port}", "--noreload"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                fetch(base + "/robots.txt", method="HEAD")
                break
            except urllib.error.HTTPError:
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def stylesheet_links(base: str) -> list[str]:
    _, _, page = fetch(base + "/tai-khoan/dang-nhap/")
    return re.findall(r'<link[^>]+href="(/static/[^"]+\.css)"', page.decode())


def test_pages_link_stylesheets_by_hashed_name(embedded_run):
    links = stylesheet_links(embedded_run)
    assert any("/css/portal." in link for link in links)
    assert all(re.search(r"\.[0-9a-f]{12}\.css$", link) for link in links), links


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_stylesheets_come_compressed_and_cached_for_a_year(embedded_run, encoding):
    for link in stylesheet_links(embedded_run):
        _, plain_headers, plain = fetch(embedded_run + link)
        status, headers, body = fetch(embedded_run + link, encoding=encoding)
        assert status == 200
        assert headers["Content-Encoding"] == encoding, link
        assert len(body) < len(plain) / 2, link
        max_age = int(re.search(r"max-age=(\d+)", headers["Cache-Control"]).group(1))
        assert max_age >= YEAR and "immutable" in headers["Cache-Control"]
