"""Dialogue sessions benchmark: the committee's overview of annual conferences and
dialogues (40 grassroots unions over five years), beside a bare view.

    .venv/bin/python bench/dialogue_sessions_bench.py [--repeat 7] [--per-year 1,10]

Builds its own database (PostgreSQL at 127.0.0.1:5432 if it answers, else SQLite in /tmp;
override with BENCH_DATABASE_URL), 40 grassroots unions each with a conference and
`per-year` dialogues (with commitments) per year for five years, and prints, measured side
by side in one run, for each data size: the overview page's median latency and SQL query
count, beside a bare Django view behind the same middleware, and their ratio. The query
count must be the same on every size.

Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from reports_bench import migrated_fresh_database, setup_django, timed  # noqa: E402
from surveys_bench import database_url  # noqa: E402

UNITS = 40
YEARS = 5


def generate(per_year: int, rng: random.Random) -> dict:
    from django.utils import timezone

    from directives.dialogue.models import Commitment, DialogueSession, SessionKind
    from portal.demo import seed_units
    from portal.models import Unit

    units = seed_units()
    top = units["CDDHQG"]
    grassroots = list(Unit.objects.filter(kind=Unit.Kind.GRASSROOTS))
    for i in range(UNITS - len(grassroots)):
        grassroots.append(Unit.objects.create(code=f"G{i:03d}", name=f"Công đoàn cơ sở {i + 1}",
                                              kind=Unit.Kind.GRASSROOTS, parent=top))
    this_year = timezone.localdate().year
    sessions = []
    for unit in grassroots:
        for year in range(this_year - YEARS + 1, this_year + 1):
            if rng.random() < 0.9:
                sessions.append(DialogueSession(
                    unit=unit, kind=SessionKind.CONFERENCE, working_year=year - 1,
                    title="Hội nghị viên chức, người lao động", place="Hội trường",
                    starts_at=timezone.make_aware(datetime(year, rng.randint(1, 5), 15, 8))))
            for _ in range(per_year):
                day = date(year, 1, 1) + timedelta(days=rng.randint(0, 330))
                sessions.append(DialogueSession(
                    unit=unit, kind=rng.choice(SessionKind.values[1:]), title="Đối thoại",
                    place="Phòng họp", starts_at=timezone.make_aware(datetime.combine(
                        day, datetime.min.time()).replace(hour=8))))
    DialogueSession.objects.bulk_create(sessions, batch_size=2000)
    Commitment.objects.bulk_create([
        Commitment(session=s, unit_id=s.unit_id, title="Cam kết", responsible="Phòng A",
                   due_on=s.starts_at.date() + timedelta(days=30))
        for s in DialogueSession.objects.exclude(kind=SessionKind.CONFERENCE)], batch_size=2000)
    return {"units": len(grassroots), "sessions": DialogueSession.objects.count(),
            "commitments": Commitment.objects.count()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--per-year", default="1,10")
    args = parser.parse_args()
    url = database_url().replace("portal_bench_surveys", "portal_bench_dialogue")
    setup_django(url)
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    from portal.demo import seed_accounts, seed_units

    rng = random.Random(13)
    rows = []
    for per_year in [int(n) for n in args.per_year.split(",")]:
        migrated_fresh_database(url)
        started = time.perf_counter()
        counts = generate(per_year, rng)
        built = time.perf_counter() - started
        committee = seed_accounts(seed_units())["committee"]
        client = Client()
        client.force_login(committee, backend="portal.auth_backends.EmailOrUsernameBackend")
        assert client.get("/doi-thoai/hoi-nghi/").status_code == 200
        bare_ms, _bare_q = timed(lambda c=client: c.get("/bench/bare/"), args.repeat)
        page_ms, page_q = timed(lambda c=client: c.get("/doi-thoai/hoi-nghi/"), args.repeat)
        rows.append((per_year, counts, bare_ms, page_ms, page_q))
        print(f"[{per_year} dialogues a year] data: {counts} (built in {built:.0f} s)",
              flush=True)

    from django.db import connection

    print(f"\nConference overview, {connection.vendor}, median of {args.repeat}:")
    print(f"{'sessions':>9} {'bare ms':>8} {'page ms':>8} {'page/bare':>10} {'queries':>8}")
    for _n, counts, bare_ms, page_ms, page_q in rows:
        print(f"{counts['sessions']:9d} {bare_ms:8.1f} {page_ms:8.1f} {page_ms / bare_ms:10.1f}"
              f" {page_q:8d}")
    if len(rows) > 1:
        print(f"query counts {'equal' if len({r[4] for r in rows}) == 1 else 'DIFFER'}")


if __name__ == "__main__":
    main()
