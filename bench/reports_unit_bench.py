"""Units' opinion reports benchmark: the committee's "who reported" page for 40 units ×
24 months, beside the same page for 4 units × 3 months and a bare view.

    .venv/bin/python bench/reports_unit_bench.py [--repeat 7] [--sizes 4x3,40x24]

Builds its own database (PostgreSQL at 127.0.0.1:5432 if it answers, else SQLite in /tmp;
override with BENCH_DATABASE_URL) with `units` grassroots unions, each with a monthly report
for most of the last `months` months (some late, some missing), and prints, measured side by
side in one run, for each size: the median latency and SQL query count of the page (showing
24 months), of the bare Django view behind the same middleware, and their ratio. The query
counts must be the same on every size.

Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from reports_bench import migrated_fresh_database, setup_django, timed  # noqa: E402
from surveys_bench import database_url  # noqa: E402


def generate(units: int, months: int) -> dict:
    from django.utils import timezone

    from portal.demo import seed_units
    from portal.models import Unit
    from portal.periods import months_before
    from reports.models import UnitReport
    from reports.models.unit_reports import due_on

    top = seed_units()["CDDHQG"]
    have = Unit.objects.filter(kind=Unit.Kind.GRASSROOTS).count()
    for n in range(max(units - have, 0)):
        Unit.objects.create(code=f"B{n:03d}", name=f"Công đoàn thử nghiệm {n}",
                            kind=Unit.Kind.GRASSROOTS, parent=top)
    grassroots = list(Unit.objects.filter(kind=Unit.Kind.GRASSROOTS).order_by("path")[:units])
    last = months_before(timezone.localdate().replace(day=1), 1)
    rows = []
    for n, unit in enumerate(grassroots):
        for back in range(months):
            month = months_before(last, back)
            if (n + back) % 7 == 0:
                continue  # not reported
            late = (n + back) % 5 == 0
            day = due_on(month) + timedelta(days=3 if late else -2)
            rows.append(UnitReport(
                unit=unit, month=month, due_on=due_on(month), mood="stable",
                status="acknowledged" if back else "submitted", year=month.year,
                symbol=f"BC-CĐ{unit.code}", number=months - back,
                submitted_at=timezone.make_aware(datetime.combine(day, datetime.min.time())),
                acknowledged_at=timezone.now() if back else None))
    UnitReport.objects.bulk_create(rows, batch_size=2000)
    return {"units": len(grassroots), "reports": UnitReport.objects.count()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--sizes", default="4x3,40x24")
    args = parser.parse_args()
    url = database_url().replace("portal_bench_surveys", "portal_bench_unit_reports")
    setup_django(url)
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    from portal.demo import seed_accounts, seed_units

    page = "/bao-cao/don-vi/tinh-hinh-nop/?months=24"
    rows = []
    for size in args.sizes.split(","):
        units, months = (int(n) for n in size.split("x"))
        migrated_fresh_database(url)
        started = time.perf_counter()
        counts = generate(units, months)
        built = time.perf_counter() - started
        committee = seed_accounts(seed_units())["committee"]
        client = Client()
        client.force_login(committee, backend="portal.auth_backends.EmailOrUsernameBackend")
        bare_ms, _ = timed(lambda c=client: c.get("/bench/bare/"), args.repeat)
        assert client.get(page).status_code == 200
        ms, queries = timed(lambda c=client: c.get(page), args.repeat)
        rows.append((size, counts, bare_ms, ms, queries))
        print(f"[{size}] data: {counts} (built in {built:.1f} s)", flush=True)

    from django.db import connection

    print(f"\nWho reported (24 months shown), {connection.vendor}, median of {args.repeat}:")
    print(f"{'size':>6} {'reports':>8} {'bare ms':>8} {'page ms':>8} {'/bare':>6} {'queries':>7}")
    for size, counts, bare_ms, ms, queries in rows:
        print(f"{size:>6} {counts['reports']:8d} {bare_ms:8.1f} {ms:8.1f} {ms / bare_ms:6.1f} "
              f"{queries:7d}")
    if len(rows) > 1:
        print(f"query counts {'equal' if len({r[4] for r in rows}) == 1 else 'DIFFER'}")


if __name__ == "__main__":
    main()
