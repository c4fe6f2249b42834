"""Inspections benchmark: the committee's ratings page (units × years), the inspections
list and the recommendations lists, for 4 units over one year and for 40 units over five
years, beside a bare view.

    .venv/bin/python bench/inspections_bench.py [--repeat 7] [--sizes 4x1,40x5]

Builds its own database (PostgreSQL at 127.0.0.1:5432 if it answers, else SQLite in /tmp;
override with BENCH_DATABASE_URL): the demo organisation plus `units` grassroots unions,
each inspected and concluded once a year for `years` years with three recommendations per
inspection, and prints, measured side by side in one run, for each size: the median latency
and SQL query count of each page as the committee, the bare Django view behind the same
middleware, and each page's ratio to the bare view. The query counts must be the same on
every size.

Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from reports_bench import migrated_fresh_database, setup_django, timed  # noqa: E402
from surveys_bench import database_url  # noqa: E402


def generate(units: int, years: int) -> dict:
    from portal.demo import seed_accounts, seed_units
    from tests.inspections.test_scale import make_ratings

    organisation = seed_units()
    accounts = seed_accounts(organisation)
    make_ratings(organisation["CDDHQG"], accounts["committee"], units=units, years=years,
                 owner=accounts["officer"])
    from directives.inspections.models import Inspection, Recommendation

    return {"inspections": Inspection.objects.count(),
            "recommendations": Recommendation.objects.count()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--sizes", default="4x1,40x5")
    args = parser.parse_args()
    url = database_url().replace("portal_bench_surveys", "portal_bench_inspections")
    setup_django(url)
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    from portal.models import User

    pages = {"ratings": "/kiem-tra/xep-loai/", "list": "/kiem-tra/",
             "recs": "/kiem-tra/kien-nghi/", "overdue": "/kiem-tra/kien-nghi/?loc=overdue"}
    rows = []
    for size in args.sizes.split(","):
        units, years = (int(x) for x in size.split("x"))
        migrated_fresh_database(url)
        started = time.perf_counter()
        counts = generate(units, years)
        built = time.perf_counter() - started
        client = Client()
        client.force_login(User.objects.get(username="committee"),
                           backend="portal.auth_backends.EmailOrUsernameBackend")
        measured = {"bare": timed(lambda c=client: c.get("/bench/bare/"), args.repeat)}
        for name, path in pages.items():
            assert client.get(path).status_code == 200, path
            measured[name] = timed(lambda c=client, p=path: c.get(p), args.repeat)
        rows.append((size, counts, measured))
        print(f"[{units} units x {years} years] data: {counts} (built in {built:.0f} s)",
              flush=True)

    from django.db import connection

    print(f"\nInspections, {connection.vendor}, median of {args.repeat}, as the committee:")
    print(f"{'size':>6} {'inspections':>11} {'bare ms':>8} " + " ".join(
        f"{name + ' ms':>12} {'/bare':>5} {'q':>3}" for name in pages))
    for size, counts, measured in rows:
        bare_ms = measured["bare"][0]
        print(f"{size:>6} {counts['inspections']:11d} {bare_ms:8.1f} " + " ".join(
            f"{ms:12.1f} {ms / bare_ms:5.1f} {q:3d}"
            for ms, q in (measured[name] for name in pages)))
    if len(rows) > 1:
        same = all(len({r[2][name][1] for r in rows}) == 1 for name in pages)
        print(f"\nquery counts {'equal' if same else 'DIFFER'} across sizes")


if __name__ == "__main__":
    main()
