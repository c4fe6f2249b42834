"""Reports benchmark: the committee dashboard as data grows, and the quarterly report.

    .venv/bin/python bench/reports_bench.py [--repeat 7] [--sizes small,large]

Builds its own database (PostgreSQL at 127.0.0.1:5432 if it answers, else SQLite in /tmp;
override with BENCH_DATABASE_URL) and prints, measured side by side in one run:

1. the committee dashboard's latency and SQL query count on each data set, beside a bare
   Django view behind the same middleware: "small" is VNU-HCM (13 grassroots unions),
   "large" is ten times it (130 grassroots unions with 5 groups each: the size the design
   must carry without a redesign), "huge" (opt-in) a hundred times it;
2. the quarterly report for the largest data set's 40 first grassroots unions as scope:
   render time (build, PDF, Word) and page count;
3. handing a report job to a broker that is down (a closed port): Celery's default
   publish beside the portal's (one bounded attempt, no retry), so a request's wait is
   seen side by side.

Not a test: numbers depend on the machine. The query count must be the same on every size.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from surveys_bench import database_url, fresh_database  # noqa: E402  (shared with that bench)

SIZES = {"small": 1, "large": 10, "huge": 100}


def setup_django(url: str) -> None:
    os.environ["BENCH_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "surveys_settings")
    os.environ["PORTAL_PRIVATE_MEDIA_ROOT"] = "/tmp/portal_bench_reports_media"
    import django

    django.setup()


def migrated_fresh_database(url: str) -> None:
    from django.core.management import call_command
    from django.db import connection

    connection.close()
    fresh_database(url)
    call_command("migrate", verbosity=0)


def generate(scale: int, rng: random.Random) -> dict:
    """VNU-HCM times `scale`: grassroots unions with groups, collaborators, trainings, opinion
    reports over 120 days, and one survey with invitations across the university."""
    from django.utils import timezone

    from collaborators.models import Attendance, Collaborator, OpinionReport, Training
    from portal.demo import GRASSROOTS, seed_units
    from portal.models import Unit, User
    from surveys.models import Invitation, Survey

    units = seed_units()
    top = units["CDDHQG"]
    grassroots = [units[code] for code, *_ in GRASSROOTS]
    for i in range(len(GRASSROOTS) * (scale - 1)):
        grassroots.append(Unit.objects.create(
            code=f"G{i:05d}", name=f"Công đoàn cơ sở số {i + 1}", kind=Unit.Kind.GRASSROOTS,
            parent=top, member_count=rng.randint(40, 900)))
    groups = []
    for unit in grassroots[len(GRASSROOTS):]:
        for g in range(5):
            groups.append(Unit(code=f"{unit.code}-{g}", name=f"Tổ công đoàn {g + 1}",
                               kind=Unit.Kind.GROUP, parent=unit, member_count=0))
    for group in groups:  # save() keeps the materialised path
        group.save()
    everywhere = grassroots + groups
    now = timezone.now()
    people = [Collaborator(unit=rng.choice(everywhere), full_name=f"Nguyễn Văn {n}",
                           group=rng.choice(Collaborator.Group.values),
                           network_role=Collaborator.NetworkRole.COLLABORATOR,
                           phone=f"09{n:08d}", status=rng.choice(["active"] * 9 + ["ended"]))
              for n in range(150 * scale)]
    Collaborator.objects.bulk_create(people, batch_size=2000)
    people = list(Collaborator.objects.only("pk", "unit_id"))
    trainings = Training.objects.bulk_create([
        Training(title=f"Tập huấn {i}", held_on=(now - timedelta(days=rng.randint(0, 500))).date(),
                 organiser=rng.choice(grassroots), hours=4) for i in range(20 * scale)])
    Attendance.objects.bulk_create(
        [Attendance(training=rng.choice(trainings), collaborator=c)
         for c in rng.sample(people, len(people) // 2)], batch_size=2000, ignore_conflicts=True)
    OpinionReport.objects.bulk_create([
        OpinionReport(unit=c.unit, collaborator=c, topic=rng.choice(OpinionReport.Topic.values),
                      summary="Viên chức trao đổi về chính sách mới.",
                      sentiment=rng.choice(OpinionReport.Sentiment.values),
                      spread=rng.choice(OpinionReport.Spread.values),
                      urgency=rng.choice(OpinionReport.Urgency.values),
                      proposal=rng.choice(["", "", "Đề nghị tổ chức đối thoại."]),
                      created_at=now - timedelta(days=rng.randint(0, 120),
                                                 minutes=rng.randint(0, 1440)))
        for c in rng.choices(people, k=40 * scale * 13)], batch_size=2000)
    members = User.objects.bulk_create([
        User(username=f"dv{n}", full_name=f"Đoàn viên {n}", unit=rng.choice(everywhere))
        for n in range(400 * scale)], batch_size=2000)
    survey = Survey.objects.create(title="Khảo sát chế độ làm việc", owner_unit=top,
                                   opens_at=now - timedelta(days=10),
                                   closes_at=now + timedelta(days=5), status="open")
    Invitation.objects.bulk_create([
        Invitation(survey=survey, user=m, unit_id=m.unit_id, used=rng.random() < 0.6)
        for m in members], batch_size=2000)
    return {"units": Unit.objects.count(), "collaborators": Collaborator.objects.count(),
            "opinion reports": OpinionReport.objects.count(),
            "invitations": Invitation.objects.count()}


def timed(call, repeat: int) -> tuple[float, int]:
    """Median milliseconds over `repeat` calls, and the SQL queries of one call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call()  # warm up
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        call()
    return statistics.median(samples), len(queries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--sizes", default="small,large")
    args = parser.parse_args()
    url = database_url().replace("portal_bench_surveys", "portal_bench_reports")
    setup_django(url)
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    from portal.demo import seed_accounts, seed_units

    rng = random.Random(360)
    rows = []
    for size in args.sizes.split(","):
        migrated_fresh_database(url)
        started = time.perf_counter()
        counts = generate(SIZES[size], rng)
        built = time.perf_counter() - started
        committee = seed_accounts(seed_units())["committee"]
        client = Client()
        client.force_login(committee, backend="portal.auth_backends.EmailOrUsernameBackend")
        from django.core.cache import cache

        def uncached(c=client):
            cache.clear()
            return c.get("/bao-cao/tong-quan/")

        bare_ms, bare_q = timed(lambda c=client: c.get("/bench/bare/"), args.repeat)
        dash_ms, dash_q = timed(uncached, args.repeat)
        hit_ms, hit_q = timed(lambda c=client: c.get("/bao-cao/tong-quan/"), args.repeat)
        assert client.get("/bao-cao/tong-quan/").status_code == 200
        rows.append((size, counts, built, bare_ms, bare_q, dash_ms, dash_q, hit_ms, hit_q))
        print(f"[{size}] data: {counts} (built in {built:.0f} s)", flush=True)

    from django.db import connection

    print(f"\nDashboard, {connection.vendor}, median of {args.repeat}:")
    print(f"{'data set':<8} {'bare ms':>8} {'dash ms':>8} {'dash/bare':>10} {'queries':>8}"
          f" {'cached ms':>10} {'cached/bare':>12} {'queries':>8}")
    for size, _c, _b, bare_ms, _bq, dash_ms, dash_q, hit_ms, hit_q in rows:
        print(f"{size:<8} {bare_ms:8.1f} {dash_ms:8.1f} {dash_ms / bare_ms:10.1f} {dash_q:8d}"
              f" {hit_ms:10.1f} {hit_ms / bare_ms:12.1f} {hit_q:8d}")
    if len(rows) > 1:
        print(f"largest/smallest dashboard latency: {rows[-1][5] / rows[0][5]:.2f}; "
              f"query counts {'equal' if len({r[6] for r in rows}) == 1 else 'DIFFER'}")

    from django.utils import timezone

    from portal.models import Unit
    from reports.builders import build_document
    from reports.models import Report
    from reports.periods import period_ending_on_cutoff
    from reports.render_docx import render_docx
    from reports.render_pdf import render_pdf
    from reports.services import report_request

    # The quarterly report whose scope has 40 grassroots unions below it.
    top = Unit.objects.get(code="CDDHQG")
    scope = Unit.objects.create(code="BENCH40", name="Cụm 40 công đoàn cơ sở", parent=top,
                                kind=Unit.Kind.GRASSROOTS)
    for unit in list(Unit.objects.filter(kind=Unit.Kind.GRASSROOTS, parent=top)
                     .exclude(pk=scope.pk).order_by("path")[:40]):
        unit.parent = scope
        unit.save()
    period = period_ending_on_cutoff("quarterly", timezone.localdate())
    report = report_request(kind="quarterly", period=period, scope=scope, by=None)
    report.number, report.issued_on = 1, timezone.localdate()
    started = time.perf_counter()
    doc = build_document(report)
    built = time.perf_counter() - started
    pdf, pages = render_pdf(doc)
    pdf_done = time.perf_counter() - started
    render_docx(doc)
    all_done = time.perf_counter() - started
    print(f"\nQuarterly report, 40 units ({Report.Kind.QUARTERLY.label}): figures {built:.2f} s, "
          f"+PDF {pdf_done - built:.2f} s ({pages} pages, {len(pdf) // 1024} KiB), "
          f"+Word {all_done - pdf_done:.2f} s; total {all_done:.2f} s")
    broker_down(report.pk, args.repeat)


def broker_down(report_id: int, repeat: int) -> None:
    """Seconds to give up on a broker that refuses connections: Celery's default
    `delay()` (its retry policy) once, the portal's `publish` `repeat` times."""
    import socket

    from portal.celery import app
    from reports.tasks import publish, report_generate

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app.conf.broker_url, app.conf.task_always_eager = f"redis://127.0.0.1:{port}/0", False

    def seconds(call) -> float:
        started = time.perf_counter()
        try:
            call()
        except Exception:  # refused, as expected
            pass
        return time.perf_counter() - started

    default = seconds(lambda: report_generate.delay(report_id, 1))
    ours = statistics.median(seconds(lambda: publish(report_generate, report_id, 1))
                             for _ in range(repeat))
    print(f"\nBroker down: Celery's default publish gave up after {default:.2f} s; the "
          f"portal's after {ours:.3f} s (median of {repeat}); ratio {default / ours:.0f}")


if __name__ == "__main__":
    main()
