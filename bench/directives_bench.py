"""Directives benchmark: the committee's progress matrix (units × tasks) and its .xlsx
export, beside a bare view.

    .venv/bin/python bench/directives_bench.py [--repeat 7] [--sizes 13x6,40x30]

Builds its own database (PostgreSQL at 127.0.0.1:5432 if it answers, else SQLite in /tmp;
override with BENCH_DATABASE_URL) and, for each size UNITSxTASKS, a published directive
of TASKS tasks given to UNITS grassroots unions, with varied progress, and prints, measured
side by side in one run: the matrix page's and the export's median latency and SQL query
count, beside a bare Django view behind the same middleware, and their ratios. The query
counts must be the same on every size.

Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from reports_bench import migrated_fresh_database, setup_django, timed  # noqa: E402
from surveys_bench import database_url  # noqa: E402


def generate(units: int, tasks: int, rng: random.Random) -> dict:
    from directives.areas import DispatchArea
    from directives.models import Directive, DirectiveTask, TaskProgress
    from portal.demo import seed_units
    from portal.models import Unit

    top = seed_units()["CDDHQG"]
    grassroots = list(Unit.objects.filter(kind=Unit.Kind.GRASSROOTS))
    for i in range(units - len(grassroots)):
        grassroots.append(Unit.objects.create(code=f"G{i:03d}", name=f"Công đoàn cơ sở {i + 1}",
                                              kind=Unit.Kind.GRASSROOTS, parent=top))
    issued = date.today() - timedelta(days=90)
    directive = Directive.objects.create(
        unit=top, number=f"{units}x{tasks}/CĐ-ĐHQG", issued_on=issued, issuer="BTV",
        subject="Về công tác dư luận xã hội", status="published",
        published_at=f"{issued.isoformat()}T08:00:00Z")
    areas = DispatchArea.values
    created = DirectiveTask.objects.bulk_create([
        DirectiveTask(directive=directive, number=n, title=f"Nhiệm vụ {n}",
                      area=areas[n % len(areas)], due_on=issued + timedelta(days=rng.randint(
                          30, 150)), target_unit=top) for n in range(1, tasks + 1)])
    rows = []
    for task in created:
        for unit in grassroots:
            status = rng.choice(["not_started", "in_progress", "done"])
            rows.append(TaskProgress(
                task=task, unit=unit, period_start=issued, due_on=task.due_on, status=status,
                completed_on=task.due_on if status == "done" else None))
    TaskProgress.objects.bulk_create(rows, batch_size=2000)
    return {"directive": directive.pk, "units": len(grassroots), "tasks": tasks,
            "rows": len(rows)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--sizes", default="13x6,40x30")
    args = parser.parse_args()
    url = database_url().replace("portal_bench_surveys", "portal_bench_directives")
    setup_django(url)
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    from portal.demo import seed_accounts, seed_units

    rng = random.Random(360)
    results = []
    for size in args.sizes.split(","):
        units, tasks = (int(n) for n in size.split("x"))
        migrated_fresh_database(url)
        started = time.perf_counter()
        counts = generate(units, tasks, rng)
        built = time.perf_counter() - started
        committee = seed_accounts(seed_units())["committee"]
        client = Client()
        client.force_login(committee, backend="portal.auth_backends.EmailOrUsernameBackend")
        matrix = f"/chi-dao/{counts['directive']}/tien-do/"
        assert client.get(matrix).status_code == 200
        bare_ms, _bare_q = timed(lambda c=client: c.get("/bench/bare/"), args.repeat)
        page_ms, page_q = timed(lambda c=client, u=matrix: c.get(u), args.repeat)
        xlsx_ms, xlsx_q = timed(lambda c=client, u=matrix: c.get(u + "xuat-excel/"),
                                args.repeat)
        results.append((size, counts, bare_ms, page_ms, page_q, xlsx_ms, xlsx_q))
        print(f"[{size}] data: {counts} (built in {built:.1f} s)", flush=True)

    from django.db import connection

    print(f"\nProgress matrix, {connection.vendor}, median of {args.repeat}:")
    print(f"{'size':<8} {'rows':>6} {'bare ms':>8} {'page ms':>8} {'page/bare':>10}"
          f" {'queries':>8} {'xlsx ms':>8} {'xlsx/bare':>10} {'queries':>8}")
    for size, counts, bare_ms, page_ms, page_q, xlsx_ms, xlsx_q in results:
        print(f"{size:<8} {counts['rows']:6d} {bare_ms:8.1f} {page_ms:8.1f}"
              f" {page_ms / bare_ms:10.1f} {page_q:8d} {xlsx_ms:8.1f}"
              f" {xlsx_ms / bare_ms:10.1f} {xlsx_q:8d}")
    if len(results) > 1:
        same = len({r[4] for r in results}) == 1 and len({r[6] for r in results}) == 1
        print(f"query counts {'equal' if same else 'DIFFER'}")


if __name__ == "__main__":
    main()
