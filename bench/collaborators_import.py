"""Benchmark: roster import of a 5,000-row sheet, and the roster and coverage pages with
5,000 collaborators in 40 units. Not a test: it prints what it measures, side by side.

    .venv/bin/python bench/collaborators_import.py [--rows 5000] [--units 40] [--bomb-only]

It works in a throwaway SQLite database of its own (set BENCH_DATABASE_URL to measure on
PostgreSQL instead: that database is emptied and filled). Printed:
- rows per second of a plain openpyxl read of the sheet, of checking the sheet (the
  preview) and of the whole import (check again and write), and their ratios;
- the SQL queries each step took (they must not grow row by row);
- the SQL queries of the roster list and the coverage page with 50 and with 5,000 people;
- a zip bomb (a real workbook of 0.9 MB that unpacks to 300 MB): the time and CPU to
  refuse it (medians of 5 rounds), beside what openpyxl spends reading a 4 MB one, and
  that cost scaled to the 300 MB the refusal spares (--bomb-only: just this part).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.local")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client may talk to "testserver"
    call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)


def make_units(count: int):
    from portal.models import Unit, User

    top = Unit.objects.create(code="TOP", name="Công đoàn ĐHQG-HCM", kind="university",
                              member_count=0)
    units = [top]
    grassroots = []
    for i in range(1, count):
        if i <= 13 or not grassroots:
            unit = Unit.objects.create(code=f"U{i:02d}", name=f"Công đoàn Trường số {i}",
                                       kind="grassroots", parent=top, member_count=300 + i * 20)
            grassroots.append(unit)
        else:
            parent = grassroots[i % len(grassroots)]
            unit = Unit.objects.create(code=f"U{i:02d}", name=f"Tổ công đoàn số {i}",
                                       kind="group", parent=parent, member_count=30 + i)
        units.append(unit)
    top.member_count = sum(u.member_count for u in grassroots)
    top.save()
    committee = User.objects.create(username="bench-committee", full_name="Ủy viên Thường vụ",
                                    role="committee", unit=top)
    return units, committee


def sheet(units, rows: int, start: int = 0) -> bytes:
    """A sheet as offices fill it: headers without diacritics, phones with spaces, dates as
    text or Excel dates, a blank row now and then."""
    from datetime import datetime

    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("Danh sach")
    ws.append(["STT", "Ho va ten", "Ma don vi", "Gioi tinh", "Nam sinh", "SDT", "Email",
               "Ngay quyet dinh", "Nhom thanh phan", "Trang thai"])
    groups = ["Giảng viên", "giang vien", "Chuyên viên", "Cán bộ trẻ", "Lãnh đạo quản lý"]
    for n in range(start, start + rows):
        if n % 97 == 0:
            ws.append([])
        phone = f"09{n:08d}"
        ws.append([
            n + 1, f"Nguyễn Văn Thử {n}", units[1 + n % (len(units) - 1)].code,
            "Nữ" if n % 2 else "nam", 1965 + n % 35,
            f"{phone[:4]} {phone[4:7]} {phone[7:]}" if n % 3 else "+84" + phone[1:],
            f"nguoi{n}@bench.vn", datetime(2024, 1 + n % 12, 1 + n % 28) if n % 2
            else f"{1 + n % 28:02d}/{1 + n % 12:02d}/2024", groups[n % len(groups)],
            "Đang hoạt động"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def timed(action):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = action()
        elapsed = time.perf_counter() - started
    return result, elapsed, len(queries)


def plain_read(content: bytes) -> int:
    from openpyxl import load_workbook

    rows = 0
    for _row in load_workbook(io.BytesIO(content), read_only=True,
                              data_only=True).worksheets[0].iter_rows(values_only=True):
        rows += 1
    return rows


def import_sheet(content: bytes, user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from collaborators.importer import roster_import_confirm, roster_import_preview

    batch = roster_import_preview(upload=SimpleUploadedFile("bench.xlsx", content), by=user)
    return roster_import_confirm(batch=batch, by=user)


def page_queries(client, url: str) -> int:
    client.get(url)  # warm the session and caches
    _, _, count = timed(lambda: client.get(url))
    return count


def zip_bomb_section(rounds: int = 5) -> None:
    import statistics

    from collaborators.importer import ImportFileError
    from collaborators.importer.sheet import check_workbook
    from tests.collaborators.xlsx import zip_bomb

    bomb, small = zip_bomb(300), zip_bomb(4)
    walls, cpus = [], []
    for _round in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            check_workbook(io.BytesIO(bomb))
        except ImportFileError:
            pass
        else:
            raise AssertionError("the bomb was not refused")
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    wall, cpu = time.perf_counter(), time.process_time()
    plain_read(small)
    read_wall, read_cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"zip bomb: {len(bomb) / 2**20:.2f} MiB unpacking to 300 MiB")
    print(f"  refused before opening: {statistics.median(walls) * 1000:.2f} ms, "
          f"{statistics.median(cpus) * 1000:.2f} ms CPU (median of {rounds})")
    print(f"  openpyxl reading a 4 MiB one: {read_wall:.2f} s, {read_cpu:.2f} s CPU; "
          f"scaled to 300 MiB: about {read_cpu * 75:.0f} s CPU per preview "
          f"({read_cpu * 75 / statistics.median(cpus):,.0f}x the refusal)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--units", type=int, default=40)
    parser.add_argument("--bomb-only", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3"
        os.environ["PORTAL_PRIVATE_MEDIA_ROOT"] = f"{folder}/private"
        setup(url)
        if not args.bomb_only:
            run(args.rows, args.units)
            print()
        zip_bomb_section()


def run(rows: int, unit_count: int) -> None:
    import io as _io

    from django.db import connection
    from django.test import Client

    from collaborators.importer import plan_roster_import

    units, committee = make_units(unit_count)
    client = Client()
    client.force_login(committee, backend="portal.auth_backends.EmailOrUsernameBackend")
    pages = {"roster list": "/cong-tac-vien/?trained=no", "coverage": "/cong-tac-vien/do-bao-phu/"}

    import_sheet(sheet(units, 50, start=10**6), committee)
    small = {name: page_queries(client, url) for name, url in pages.items()}

    content = sheet(units, rows)
    read_rows, read_s, _ = timed(lambda: plain_read(content))
    plan, plan_s, plan_q = timed(lambda: plan_roster_import(fileobj=_io.BytesIO(content),
                                                            user=committee))
    assert plan.ok, plan.errors[:5] or plan.file_error
    batch, import_s, import_q = timed(lambda: import_sheet(content, committee))
    assert batch.created_count == rows, batch.created_count
    large = {name: page_queries(client, url) for name, url in pages.items()}

    print(f"database: {connection.vendor}; sheet: {rows} people in {unit_count} units "
          f"({len(content) / 1024:.0f} KiB)")
    print(f"{'step':<34}{'seconds':>9}{'rows/s':>10}{'queries':>9}{'vs openpyxl':>13}")
    read_rate = rows / read_s  # the same rows, so the ratios compare like with like
    for name, seconds, queries in [("plain openpyxl read", read_s, None),
                                   ("check the sheet (preview)", plan_s, plan_q),
                                   ("import: check again and write", import_s, import_q)]:
        rate = rows / seconds
        print(f"{name:<34}{seconds:>9.2f}{rate:>10.0f}{queries if queries is not None else '':>9}"
              f"{rate / read_rate:>12.2f}x")
    print()
    print(f"{'page (committee)':<34}{'50 people':>12}{rows:>8} people")
    for name in pages:
        print(f"{name:<34}{small[name]:>12}{large[name]:>15}   queries"
              + ("" if small[name] == large[name] else "   GROWS"))


if __name__ == "__main__":
    main()
