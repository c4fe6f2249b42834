"""Good-practice library benchmark: the library page and its search over 5,000 practices,
beside a bare view.

    .venv/bin/python bench/practices_bench.py [--repeat 7] [--sizes 500,5000]

Builds its own database (PostgreSQL at 127.0.0.1:5432 if it answers, else SQLite in /tmp;
override with BENCH_DATABASE_URL) with `size` published practices across the demo unions
(a third endorsed, three tags and a few adoptions each), and prints, measured side by side
in one run, for each size: the median latency and SQL query count of the library's first
page, of a diacritic-free search ("doi thoai"), of a filter by area and unit, and of the
bare Django view behind the same middleware, with each page's ratio to the bare view. The
query counts must be the same on every size.

Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from reports_bench import migrated_fresh_database, setup_django, timed  # noqa: E402
from surveys_bench import database_url  # noqa: E402

TITLES = ["Khảo sát nhanh bằng mã QR", "Đối thoại với viên chức trẻ", "Bản tin song ngữ",
          "Mỗi bộ môn một cộng tác viên", "Sổ theo dõi kiến nghị", "Giao ban dư luận"]
AREAS = ["surveys", "dialogue", "briefings", "network", "dialogue", "leadership"]


def generate(size: int, rng: random.Random) -> dict:
    from django.utils import timezone

    from directives.practices.models import Adoption, Practice, Tag
    from directives.practices.services import search_text
    from portal.demo import seed_units
    from portal.models import Unit

    units = seed_units()
    grassroots = list(Unit.objects.filter(kind=Unit.Kind.GRASSROOTS))
    tags = [Tag.objects.create(name=name, key=name) for name in
            ("khao sat", "doi thoai", "ban tin", "cong tac vien", "kien nghi", "giao ban")]
    now = timezone.now()
    practices = []
    for i in range(size):
        kind = rng.randrange(len(TITLES))
        practice = Practice(
            unit=rng.choice(grassroots), title=f"{TITLES[kind]} ({i})", area=AREAS[kind],
            summary="Cách làm đã áp dụng hiệu quả tại đơn vị trong năm học.",
            body="### Cách làm\nMỗi tổ công đoàn cử một người phụ trách.\n\n- Bước 1\n",
            status="published", published_at=now,
            endorsed_at=now if rng.random() < 0.33 else None)
        practice.search = search_text(practice)
        practices.append(practice)
    practices = Practice.objects.bulk_create(practices, batch_size=1000)
    Through = Practice.tags.through
    Through.objects.bulk_create([Through(practice=p, tag=t) for p in practices
                                 for t in rng.sample(tags, 3)], batch_size=2000)
    Adoption.objects.bulk_create([
        Adoption(practice=p, unit=u, adopted_on=timezone.localdate(), outcome="Tốt",
                 rating=rng.randint(1, 5))
        for p in practices for u in rng.sample(grassroots, rng.randint(0, 3))
        if u.pk != p.unit_id], batch_size=2000)
    return {"practices": Practice.objects.count(), "adoptions": Adoption.objects.count(),
            "units": units["BK"].pk}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--sizes", default="500,5000")
    args = parser.parse_args()
    url = database_url().replace("portal_bench_surveys", "portal_bench_practices")
    setup_django(url)
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    from portal.demo import seed_accounts, seed_units

    rng = random.Random(14)
    pages = {"library": "/cach-lam-hay/", "search": "/cach-lam-hay/?q=doi+thoai",
             "filter": "/cach-lam-hay/?area=dialogue&don-vi={bk}&page=2"}
    rows = []
    for size in [int(n) for n in args.sizes.split(",")]:
        migrated_fresh_database(url)
        started = time.perf_counter()
        counts = generate(size, rng)
        built = time.perf_counter() - started
        member = seed_accounts(seed_units())["member"]
        client = Client()
        client.force_login(member, backend="portal.auth_backends.EmailOrUsernameBackend")
        bare_ms, _ = timed(lambda c=client: c.get("/bench/bare/"), args.repeat)
        measured = {}
        for name, path in pages.items():
            path = path.format(bk=counts["units"])
            assert client.get(path).status_code == 200, path
            measured[name] = timed(lambda c=client, p=path: c.get(p), args.repeat)
        rows.append((counts, bare_ms, measured))
        print(f"[{size}] data: {counts} (built in {built:.0f} s)", flush=True)

    from django.db import connection

    print(f"\nGood-practice library, {connection.vendor}, median of {args.repeat}:")
    print(f"{'practices':>9} {'bare ms':>8} " + " ".join(
        f"{name + ' ms':>11} {'/bare':>6} {'queries':>7}" for name in pages))
    for counts, bare_ms, measured in rows:
        print(f"{counts['practices']:9d} {bare_ms:8.1f} " + " ".join(
            f"{ms:11.1f} {ms / bare_ms:6.1f} {q:7d}" for ms, q in measured.values()))
    if len(rows) > 1:
        same = all(len({r[2][name][1] for r in rows}) == 1 for name in pages)
        print(f"query counts {'equal' if same else 'DIFFER'}")


if __name__ == "__main__":
    main()
