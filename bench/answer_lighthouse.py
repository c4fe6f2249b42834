"""Lighthouse (mobile) on the survey answer page, beside the login page.

    .venv/bin/python bench/answer_lighthouse.py [--rounds 3]

Builds its own SQLite database in a temporary folder (migrate, seed_demo), collects the
static files as the embedded run does (`make run`: compressed copies, far-future caching),
starts the portal with `manage.py runserver` on 127.0.0.1 (a free port, DEBUG off), and runs
the Lighthouse CLI of the npm lock (node_modules/.bin/lighthouse) with Chromium (CHROME_PATH,
default /usr/bin/chromium; flags --headless --no-sandbox --disable-gpu
--disable-background-networking) on:

- the answer page of the demo's open survey, reached by a member's personal link (the page
  a member opens from an email or a QR code, on a phone);
- the login page.

Prints, for each page, the median over --rounds runs of the performance score, the
cumulative layout shift (CLS), the largest contentful paint (LCP) and the total byte
weight, side by side. Targets on the answer page: CLS below 0.05, performance at least 95.
Lighthouse's default is a mid-range phone on a throttled mobile network (simulated).

Not a test: figures depend on the machine. It leaves no server running.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
FIGURES = (
    # (label, audit or score, how to print it)
    ("performance", "score", lambda v: f"{v * 100:.0f}"),
    ("CLS", "cumulative-layout-shift", lambda v: f"{v:.3f}"),
    ("LCP", "largest-contentful-paint", lambda v: f"{v / 1000:.2f} s"),
    ("bytes", "total-byte-weight", lambda v: f"{v / 1024:.1f} KiB"),
)
TOKEN_SCRIPT = """
from surveys.models import Invitation, Survey
from surveys.seed import OPEN_TITLE
from surveys.tokens import token_for
survey = Survey.objects.get(title=OPEN_TITLE)
print(token_for(Invitation.objects.filter(survey=survey, used=False).order_by("pk").first()))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env: dict, *args: str) -> str:
    done = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True)
    return done.stdout


def prepare(folder: Path) -> tuple[dict, str]:
    """A portal of its own: database, broker and static files in `folder`."""
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "portal.settings.local",
        "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
        "DJANGO_DEBUG": "0",
        "CELERY_TASK_ALWAYS_EAGER": "1",
        "CELERY_BROKER_DIR": str(folder / "broker"),
        "PORTAL_PRIVATE_MEDIA_ROOT": str(folder / "private"),
        "PORTAL_STATIC_ROOT": str(folder / "static"),
        "EMAIL_URL": "dummymail://",
    }
    env.pop("REDIS_URL", None)
    print("building the demo database and static files...", flush=True)
    manage(env, "migrate", "-v0")
    manage(env, "seed_demo")
    manage(env, "collectstatic", "--noinput", "-v0")
    token = manage(env, "shell", "-c", TOKEN_SCRIPT).strip().splitlines()[-1]
    return env, token


def start_server(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/tai-khoan/dang-nhap/", timeout=2)
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("the portal did not start")


def lighthouse(url: str, chrome: str) -> dict[str, float]:
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        subprocess.run(
            [str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json",
             f"--output-path={report.name}", "--quiet", f"--chrome-flags={CHROME_FLAGS}"],
            env=os.environ | {"CHROME_PATH": chrome}, check=True, timeout=300)
        result = json.load(open(report.name))
    audits = result["audits"]
    return {label: (result["categories"]["performance"]["score"] if key == "score"
                    else audits[key]["numericValue"])
            for label, key, _show in FIGURES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not LIGHTHOUSE.exists():
        raise SystemExit("node_modules/.bin/lighthouse is missing: run npm ci")
    folder = Path(tempfile.mkdtemp(prefix="answer-lighthouse-"))
    server = None
    try:
        env, token = prepare(folder)
        port = free_port()
        server = start_server(env, port)
        base = f"http://127.0.0.1:{port}"
        pages = {"answer page": f"{base}/khao-sat/p/{token}/",
                 "login page": f"{base}/tai-khoan/dang-nhap/"}
        runs: dict[str, list[dict]] = {name: [] for name in pages}
        for round_number in range(1, rounds + 1):
            for name, url in pages.items():  # alternated, so that both see the same noise
                runs[name].append(lighthouse(url, chrome))
            print(f"round {round_number}/{rounds} done", flush=True)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        shutil.rmtree(folder, ignore_errors=True)
    print(f"\nLighthouse mobile, medians of {rounds} rounds\n")
    print(f"{'':14}" + "".join(f"{label:>14}" for label, _key, _show in FIGURES))
    for name, results in runs.items():
        cells = [show(statistics.median(r[label] for r in results))
                 for label, _key, show in FIGURES]
        print(f"{name:14}" + "".join(f"{cell:>14}" for cell in cells))
    answer = {label: statistics.median(r[label] for r in runs["answer page"])
              for label, _key, _show in FIGURES}
    met = answer["CLS"] < 0.05 and answer["performance"] >= 0.95
    print(f"\nanswer page targets (CLS < 0.05, performance >= 95): {'met' if met else 'NOT met'}")
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
