"""Official information benchmark: a member's home page and reading list, a bulletin's page,
its reach table and the time to orient, at a small size and at the issue's size (1,000
bulletins, 40 units, 6,000 members), beside a bare view.

    .venv/bin/python bench/bulletins_bench.py [--repeat 7] [--sizes small,large]

Builds its own database (PostgreSQL at 127.0.0.1:5432 if it answers, else SQLite in /tmp;
override with BENCH_DATABASE_URL) and prints, measured side by side in one run, for each
size: the median latency and SQL query count of each page as the BK member, the BK officer
and the committee, and of the bare Django view behind the same middleware, with each page's
ratio to the bare view. The query counts must be the same on every size: reach is counted in
SQL (two grouped queries), never person by person.

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

SIZES = {"small": (50, 15, 300), "large": (1000, 40, 6000)}  # bulletins, units, members


def generate(bulletins: int, unit_count: int, members: int, rng: random.Random) -> dict:
    from django.utils import timezone

    from collaborators.models import OpinionReport
    from directives.bulletins.models import Bulletin, BulletinAudience, BulletinRead
    from portal.demo import seed_accounts, seed_units
    from portal.models import Unit, User

    units = seed_units()
    accounts = seed_accounts(units)
    top = units["CDDHQG"]
    for i in range(max(0, unit_count - Unit.objects.count())):
        Unit.objects.create(code=f"BENCH{i}", name=f"Công đoàn đơn vị {i}", parent=top,
                            kind=Unit.Kind.GRASSROOTS, member_count=150)
    every = list(Unit.objects.exclude(pk=top.pk))
    people = User.objects.bulk_create(
        (User(username=f"bench-{i}", full_name=f"Đoàn viên {i}", unit=rng.choice(every),
              email=f"bench-{i}@example.vn") for i in range(members)), batch_size=2000)
    now = timezone.now()
    made = Bulletin.objects.bulk_create(
        (Bulletin(unit=top, title=f"Thông tin {i}", body="Nội dung **quan trọng**.",
                  publish_at=now - timedelta(hours=rng.randint(1, 2000)))
         for i in range(bulletins)), batch_size=1000)
    BulletinAudience.objects.bulk_create(
        (BulletinAudience(bulletin=b, unit=rng.choice([top, units["BK"], *every]))
         for b in made), batch_size=2000)
    big = made[0]
    BulletinAudience.objects.filter(bulletin=big).update(unit=top)
    BulletinRead.objects.bulk_create(
        (BulletinRead(bulletin=big, user=p) for p in people if rng.random() < .6),
        batch_size=2000)
    member = accounts["member"]
    BulletinRead.objects.bulk_create(
        (BulletinRead(bulletin=b, user=member) for b in made if rng.random() < .3),
        batch_size=2000, ignore_conflicts=True)
    OpinionReport.objects.bulk_create(
        (OpinionReport(unit=rng.choice(every), topic=rng.choice(OpinionReport.Topic.values),
                       summary="Ý kiến", sentiment="neutral",
                       created_at=now - timedelta(hours=rng.randint(1, 2000)))
         for _ in range(members // 10)), batch_size=2000)
    return {"bulletins": Bulletin.objects.count(), "units": Unit.objects.count(),
            "members": User.objects.count(), "reads": BulletinRead.objects.count(),
            "big": big.pk}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--sizes", default="small,large")
    args = parser.parse_args()
    url = database_url().replace("portal_bench_surveys", "portal_bench_bulletins")
    setup_django(url)
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    from portal.models import User

    pages = {"member": {"home": "/", "list": "/thong-tin/", "bulletin": "/thong-tin/{big}/"},
             "officer": {"reach": "/thong-tin/{big}/tiep-can/"},
             "committee": {"reach": "/thong-tin/{big}/tiep-can/",
                           "orient": "/thong-tin/dinh-huong/"}}
    rows = []
    for size in args.sizes.split(","):
        migrated_fresh_database(url)
        started = time.perf_counter()
        counts = generate(*SIZES[size], random.Random(15))
        built = time.perf_counter() - started
        measured = {}
        for role, role_pages in pages.items():
            client = Client()
            client.force_login(User.objects.get(username=role),
                               backend="portal.auth_backends.EmailOrUsernameBackend")
            measured[role] = {"bare": timed(lambda c=client: c.get("/bench/bare/"),
                                            args.repeat)}
            for name, path in role_pages.items():
                path = path.format(big=counts["big"])
                assert client.get(path).status_code == 200, path
                measured[role][name] = timed(lambda c=client, p=path: c.get(p), args.repeat)
        rows.append((size, counts, measured))
        print(f"[{size}] data: {counts} (built in {built:.0f} s)", flush=True)

    from django.db import connection

    print(f"\nOfficial information, {connection.vendor}, median of {args.repeat}:")
    for role, role_pages in pages.items():
        print(f"\nas {role}:")
        print(f"{'size':>6} {'bare ms':>8} " + " ".join(
            f"{name + ' ms':>12} {'/bare':>5} {'q':>3}" for name in role_pages))
        for size, _counts, measured in rows:
            bare_ms = measured[role]["bare"][0]
            print(f"{size:>6} {bare_ms:8.1f} " + " ".join(
                f"{ms:12.1f} {ms / bare_ms:5.1f} {q:3d}"
                for ms, q in (measured[role][name] for name in role_pages)))
    if len(rows) > 1:
        same = all(len({r[2][role][name][1] for r in rows}) == 1
                   for role, role_pages in pages.items() for name in role_pages)
        print(f"\nquery counts {'equal' if same else 'DIFFER'} across sizes")


if __name__ == "__main__":
    main()
