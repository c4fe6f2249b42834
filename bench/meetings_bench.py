"""Briefing meetings benchmark: the meetings list, the follow-up actions list, one meeting's
page and the "who met" page over one month and over three years of meetings, beside a bare
view.

    .venv/bin/python bench/meetings_bench.py [--repeat 7] [--years 0.1,3]

Builds its own database (PostgreSQL at 127.0.0.1:5432 if it answers, else SQLite in /tmp;
override with BENCH_DATABASE_URL) with every demo union holding a meeting a week (the
weekly cadence) for the given years, each with a dozen people in the attendance and two
follow-up actions, and prints, measured side by side in one run, for each size: the median
latency and SQL query count of each page as the BK officer and as the committee, and of the
bare Django view behind the same middleware, with each page's ratio to the bare view. The
query counts must be the same on every size.

Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from reports_bench import migrated_fresh_database, setup_django, timed  # noqa: E402
from surveys_bench import database_url  # noqa: E402


def generate(years: float) -> dict:
    from django.utils import timezone

    from directives.meetings.models import Action, Attendance, Meeting
    from portal.demo import seed_accounts, seed_units
    from portal.models import Unit, User

    units = seed_units()
    accounts = seed_accounts(units)
    grassroots = list(Unit.objects.filter(kind=Unit.Kind.GRASSROOTS))
    people = {}
    for unit in grassroots:
        people[unit.pk] = list(User.objects.bulk_create(
            User(username=f"bench-{unit.code}-{i}", full_name=f"Người {unit.code} {i}",
                 unit=unit, email=f"bench-{unit.code.lower()}-{i}@example.vn")
            for i in range(12)))
    today = timezone.localdate()
    weeks = max(1, round(years * 52))
    for unit in [units["CDDHQG"], *grassroots]:
        starts = [timezone.make_aware(datetime.combine(today - timedelta(days=7 * w - 3),
                                                       clock(14))) for w in range(weeks)]
        meetings = Meeting.objects.bulk_create(
            Meeting(unit=unit, level=Meeting.level_for(unit), kind="regular", starts_at=s,
                    ends_at=s + timedelta(hours=2), place="Phòng họp", chair="Chủ trì",
                    secretary="Thư ký", minutes="Biên bản.") for s in starts)
        crowd = people.get(unit.pk, [accounts["committee"]])
        Attendance.objects.bulk_create(
            (Attendance(meeting=m, account=p) for m in meetings for p in crowd),
            batch_size=2000)
        owner = accounts["officer"] if unit.code == "BK" else crowd[0]
        Action.objects.bulk_create(
            (Action(meeting=m, unit=unit, owner=owner, title=f"Việc {i}",
                    due_on=timezone.localtime(m.starts_at).date() + timedelta(days=14),
                    status="done" if m.starts_at.date() < today - timedelta(days=60)
                    else "not_started",
                    completed_on=today if m.starts_at.date() < today - timedelta(days=60)
                    else None)
             for m in meetings for i in range(2)), batch_size=2000)
    first = Meeting.objects.filter(unit=units["BK"]).order_by("-starts_at").first()
    return {"meetings": Meeting.objects.count(), "attendance": Attendance.objects.count(),
            "actions": Action.objects.count(), "meeting": first.pk}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--years", default="0.1,3")
    args = parser.parse_args()
    url = database_url().replace("portal_bench_surveys", "portal_bench_meetings")
    setup_django(url)
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    from portal.models import User

    pages = {"list": "/giao-ban/", "past p.3": "/giao-ban/?page=3",
             "actions": "/giao-ban/viec/?due=open", "meeting": "/giao-ban/{meeting}/",
             "who met": "/giao-ban/tan-suat/?preset=12"}
    rows = []
    for years in [float(y) for y in args.years.split(",")]:
        migrated_fresh_database(url)
        started = time.perf_counter()
        counts = generate(years)
        built = time.perf_counter() - started
        measured = {}
        for role in ("officer", "committee"):
            client = Client()
            client.force_login(User.objects.get(username=role),
                               backend="portal.auth_backends.EmailOrUsernameBackend")
            bare = timed(lambda c=client: c.get("/bench/bare/"), args.repeat)
            measured[role] = {"bare": bare}
            for name, path in pages.items():
                path = path.format(meeting=counts["meeting"])
                assert client.get(path).status_code == 200, path
                measured[role][name] = timed(lambda c=client, p=path: c.get(p), args.repeat)
        rows.append((years, counts, measured))
        print(f"[{years} years] data: {counts} (built in {built:.0f} s)", flush=True)

    from django.db import connection

    print(f"\nBriefing meetings, {connection.vendor}, median of {args.repeat}:")
    for role in ("officer", "committee"):
        print(f"\nas {role}:")
        print(f"{'years':>5} {'meetings':>8} {'bare ms':>8} " + " ".join(
            f"{name + ' ms':>12} {'/bare':>5} {'q':>3}" for name in pages))
        for years, counts, measured in rows:
            bare_ms = measured[role]["bare"][0]
            print(f"{years:5.1f} {counts['meetings']:8d} {bare_ms:8.1f} " + " ".join(
                f"{ms:12.1f} {ms / bare_ms:5.1f} {q:3d}"
                for ms, q in (measured[role][name] for name in pages)))
    if len(rows) > 1:
        same = all(len({r[2][role][name][1] for r in rows}) == 1
                   for role in ("officer", "committee") for name in pages)
        print(f"\nquery counts {'equal' if same else 'DIFFER'} across sizes")


if __name__ == "__main__":
    main()
