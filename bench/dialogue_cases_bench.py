"""Grievance register benchmark: the officer's queue and the committee's overview (figures
per unit with the median working days to answer) at 1,000 and 50,000 cases, beside a bare
view.

    .venv/bin/python bench/dialogue_cases_bench.py [--repeat 7] [--sizes 1000,50000]

Builds its own database (PostgreSQL at 127.0.0.1:5432 if it answers, else SQLite in /tmp;
override with BENCH_DATABASE_URL), spreads the cases over every unit of the demo tree in
every stage (a fifth overdue, half answered), and prints, measured side by side in one run,
for each size: each page's median latency and SQL query count beside a bare Django view
behind the same middleware, and their ratio. The query counts must be the same on every
size: the figures are computed in SQL.

Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from reports_bench import migrated_fresh_database, setup_django, timed  # noqa: E402
from surveys_bench import database_url  # noqa: E402

STAGES = ["received", "verifying", "accepted", "forwarded", "in_progress", "resolved",
          "declined", "not_for_union", "closed"]
ANSWERED = {"resolved", "declined", "not_for_union", "closed"}


def generate(size: int, rng: random.Random) -> dict:
    from django.utils import timezone

    from directives.dialogue.models import STATUS_OF, Case
    from portal.demo import seed_units

    units = list(seed_units().values())
    today = timezone.localdate()
    batch = []
    for i in range(size):
        stage = rng.choice(STAGES)
        received = today - timedelta(days=rng.randint(0, 700))
        due = received + timedelta(days=rng.randint(5, 40))
        answered = stage in ANSWERED
        days = rng.randint(1, 40) if answered else None
        batch.append(Case(
            unit=rng.choice(units), title=f"Kiến nghị {i}", description="Nội dung kiến nghị.",
            source=rng.choice(["dialogue", "email", "member", "box"]), stage=stage,
            status=STATUS_OF[stage], category=rng.choice(["pay", "workload", "facilities"]),
            kind=rng.choice(["petition", "feedback", "complaint"]), received_on=received,
            intake_due_on=due, due_on=due,
            accepted_on=received if stage not in ("received", "verifying") else None,
            forwarded_on=received if stage == "forwarded" else None,
            forwarded_to="Phòng Kế hoạch - Tài chính" if stage == "forwarded" else "",
            answered_on=received + timedelta(days=days) if answered else None,
            completed_on=received + timedelta(days=days) if answered else None,
            answer_days=days, answered_in_time=(days <= 20) if answered else None,
            escalated_on=received if rng.random() < 0.02 else None))
        if len(batch) == 5000:
            Case.objects.bulk_create(batch)
            batch = []
    Case.objects.bulk_create(batch)
    return {"cases": Case.objects.count()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--sizes", default="1000,50000")
    args = parser.parse_args()
    url = database_url().replace("portal_bench_surveys", "portal_bench_cases")
    setup_django(url)
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    from portal.demo import seed_accounts, seed_units

    pages = {"queue": "/doi-thoai/kien-nghi/", "overview": "/doi-thoai/kien-nghi/tong-hop/"}
    rows = []
    for size in [int(n) for n in args.sizes.split(",")]:
        migrated_fresh_database(url)
        started = time.perf_counter()
        counts = generate(size, random.Random(13))
        built = time.perf_counter() - started
        accounts = seed_accounts(seed_units())
        measured = {}
        for page, who in (("queue", "officer"), ("overview", "committee")):
            client = Client()
            client.force_login(accounts[who],
                               backend="portal.auth_backends.EmailOrUsernameBackend")
            assert client.get(pages[page]).status_code == 200
            bare_ms, _q = timed(lambda c=client: c.get("/bench/bare/"), args.repeat)
            page_ms, page_q = timed(lambda c=client, p=pages[page]: c.get(p), args.repeat)
            measured[page] = (bare_ms, page_ms, page_q)
        rows.append((counts["cases"], measured))
        print(f"[{size}] data: {counts} (built in {built:.0f} s)", flush=True)

    from django.db import connection

    print(f"\nGrievance register, {connection.vendor}, median of {args.repeat}:")
    print(f"{'page':>9} {'cases':>7} {'bare ms':>8} {'page ms':>8} {'page/bare':>10} "
          f"{'queries':>8}")
    for cases, measured in rows:
        for page, (bare_ms, page_ms, page_q) in measured.items():
            print(f"{page:>9} {cases:7d} {bare_ms:8.1f} {page_ms:8.1f} "
                  f"{page_ms / bare_ms:10.1f} {page_q:8d}")
    for page in pages:
        same = len({measured[page][2] for _c, measured in rows}) == 1
        print(f"{page}: query counts {'equal' if same else 'DIFFER'}")


if __name__ == "__main__":
    main()
