"""Surveys benchmark: submissions and the results page, beside a bare Django view.

    .venv/bin/python bench/surveys_bench.py [--seconds 4] [--rounds 5] [--workers 3]
        [--clients 6] [--instructions 200]

Builds its own database (PostgreSQL at 127.0.0.1:5432 if it answers, else SQLite in /tmp;
override with BENCH_DATABASE_URL), starts gunicorn on loopback with the portal's URLs plus
a bare view (bench/surveys_urls.py), and prints, measured side by side in one run:

1. survey submissions per second (each a fresh personal link, ten answers, one
   transaction) beside requests per second of the bare view, and their ratio (target: at
   least 0.5); beside both, a bare durable write (a view that commits one row and checks
   nothing), the most any writing view reaches; for each, the CPU time per request of the
   web workers, PostgreSQL and the load generator. Measured twice: with the machine's
   cores shared by all three (as a small all-in-one install), and with PostgreSQL pinned
   to a core of its own (as with a database server; needs the right to set PostgreSQL's
   CPU affinity, else that part says it was not measured). Medians of --rounds rounds;
2. with --instructions N, the instructions per request of a gunicorn worker for the bare
   view and for submissions, counted by callgrind: repeatable on a noisy machine;
3. the latency of the results page of a survey with 100,000 responses, beside the same
   page at 1,000 responses and the bare view, with the number of SQL queries of each page
   (the same: it does not grow with the responses).

Not a test: numbers depend on the machine. It leaves no server running.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PG_URL = "postgres://postgres@127.0.0.1:5432/portal_bench_surveys"
SQLITE_URL = "sqlite:////tmp/portal_bench_surveys.sqlite3"


def database_url() -> str:
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return PG_URL
    except OSError:
        return SQLITE_URL


def fresh_database(url: str) -> None:
    if url.startswith("sqlite"):
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(url: str) -> None:
    os.environ["BENCH_DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.surveys_settings"
    import django

    django.setup()


# --- data -------------------------------------------------------------------------------


def questionnaire(survey):
    """Ten answers per respondent: the shape of a real opinion survey."""
    from surveys.models import Choice, Question, Section

    section = Section.objects.create(survey=survey, title="Câu hỏi", position=0)
    spec = [
        ("single", "Anh/chị đã đọc dự thảo chưa?", ["Đã đọc kỹ", "Đọc lướt", "Chưa đọc"], {}),
        ("multiple", "Nội dung quan tâm", ["Thu nhập", "Công tác phí", "Nghiên cứu",
                                           "Phúc lợi"], {"max_choices": 2}),
        ("likert", "Mức chi là hợp lý", [], {}),
        ("likert", "Quy chế công khai, minh bạch", [], {}),
        ("rating", "Mức độ hài lòng chung", [], {}),
        ("number", "Số giờ làm thêm mỗi tuần", [], {"min_value": 0, "max_value": 60}),
        ("matrix", "Nhận định", ["Phù hợp thực tế", "Được lấy ý kiến đầy đủ"], {}),
        ("short_text", "Một đề xuất ngắn", [], {}),
    ]
    questions = []
    for position, (kind, text, labels, extra) in enumerate(spec):
        question = Question.objects.create(survey=survey, section=section, kind=kind,
                                           text=text, position=position, **extra)
        for index, label in enumerate(labels):
            Choice.objects.create(question=question, label=label, position=index)
        questions.append(question)
    return questions


def form_data(questions, rng: random.Random) -> dict:
    data = {"submission_key": str(uuid.uuid4())}
    for q in questions:
        choices = [c.pk for c in q.choices.all()]
        if q.kind == "single":
            data[f"q{q.pk}"] = str(rng.choice(choices))
        elif q.kind == "multiple":
            data[f"q{q.pk}"] = [str(c) for c in rng.sample(choices, 2)]
        elif q.kind == "likert":
            data[f"q{q.pk}"] = str(rng.randint(1, 5))
        elif q.kind == "rating":
            data[f"q{q.pk}"] = str(rng.randint(0, 10))
        elif q.kind == "number":
            data[f"q{q.pk}"] = str(rng.randint(0, 20))
        elif q.kind == "matrix":
            for row in choices:
                data[f"q{q.pk}_r{row}"] = str(rng.randint(1, 5))
        else:
            data[f"q{q.pk}"] = "Tăng cường đối thoại với người lao động"
    return data


def make_people(units, count: int):
    from portal.models import User

    leaves = [u for u in units.values() if u.parent_id]
    rng = random.Random(7)
    people = [User(username=f"bench{n}", full_name=f"Người thử {n}", email="",
                   unit=rng.choice(leaves), role="member",
                   staff_group=rng.choice(["lecturer", "researcher", "administrative",
                                           "worker", "other"]),
                   gender=rng.choice(["female", "male"]), birth_year=rng.randint(1960, 2000),
                   password="!") for n in range(count)]
    User.objects.bulk_create(people, batch_size=2000)
    return list(User.objects.filter(username__startswith="bench").select_related("unit"))


def make_survey(units, title: str, owner):
    from datetime import timedelta

    from django.utils import timezone

    from surveys.models import Survey

    survey = Survey.objects.create(title=title, owner_unit=owner, status="open",
                                   opens_at=timezone.now() - timedelta(days=1),
                                   closes_at=timezone.now() + timedelta(days=30))
    survey.audience_units.set([owner])
    questionnaire(survey)
    return survey, list(survey.questions.prefetch_related("choices").order_by("position"))


def fill_responses(survey, questions, people, count: int) -> None:
    """`count` responses with about ten answers each, written in bulk (COPY on PostgreSQL)."""
    from datetime import date, timedelta

    from django.db import connection

    from surveys.models import AgeBand, Answer, Response

    rng = random.Random(count)
    responses, answers = [], []
    for n in range(count):
        person = people[n % len(people)]
        rid = uuid.uuid4()
        day = date.today() - timedelta(days=rng.randint(0, 20))
        responses.append((rid, survey.pk, day, uuid.uuid4(), person.unit_id,
                          person.staff_group, person.gender, AgeBand.of(person.birth_year, day)))
        data = form_data(questions, rng)
        for q in questions:
            if q.kind in ("single", "multiple"):
                values = data[f"q{q.pk}"]
                for value in values if isinstance(values, list) else [values]:
                    answers.append((uuid.uuid4(), rid, q.pk, int(value), None, None, None, ""))
            elif q.kind in ("likert", "rating"):
                answers.append((uuid.uuid4(), rid, q.pk, None, int(data[f"q{q.pk}"]), None,
                                None, ""))
            elif q.kind == "number":
                answers.append((uuid.uuid4(), rid, q.pk, None, None, int(data[f"q{q.pk}"]),
                                None, ""))
            elif q.kind == "matrix":
                for row in q.choices.all():
                    answers.append((uuid.uuid4(), rid, q.pk, row.pk,
                                    int(data[f"q{q.pk}_r{row.pk}"]), None, None, ""))
            elif rng.random() < 0.2:
                answers.append((uuid.uuid4(), rid, q.pk, None, None, None, None,
                                f"Ý kiến số {n}"))
    seen: set = set()  # the first row of each (response, question) leads (Answer.lead)
    marked = []
    for a in answers:
        marked.append((*a, (a[1], a[2]) not in seen))
        seen.add((a[1], a[2]))
    answers = marked
    response_columns = ["id", "survey_id", "submitted_on", "submission_key", "unit_id",
                        "staff_group", "gender", "age_band"]
    answer_columns = ["id", "response_id", "question_id", "choice_id", "value", "number",
                      "date", "text", "lead"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table, columns, rows in ((Response._meta.db_table, response_columns, responses),
                                         (Answer._meta.db_table, answer_columns, answers)):
                with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
        with connection.cursor() as cursor:  # as autovacuum would have, in a real database
            for table in (Response._meta.db_table, Answer._meta.db_table):
                cursor.execute(f"VACUUM ANALYZE {table}")
        return
    Response.objects.bulk_create([Response(**dict(zip(response_columns, r, strict=True)))
                                  for r in responses], batch_size=2000)
    Answer.objects.bulk_create([Answer(**dict(zip(answer_columns, a, strict=True)))
                                for a in answers], batch_size=2000)


# --- load ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port: int, method: str, path: str, body: bytes | None = None,
            headers: dict | None = None) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def throughput(seconds: float, clients: int, make_request) -> tuple[float, int, int]:
    """Requests completed per second by `clients` threads for `seconds`."""
    stop = time.perf_counter() + seconds
    done, failed = [0] * clients, [0] * clients

    def run(index: int) -> None:
        while time.perf_counter() < stop:
            status = make_request(index)
            if status in (200, 302):
                done[index] += 1
            else:
                failed[index] += 1

    start = time.perf_counter()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    return sum(done) / elapsed, sum(done), sum(failed)


FORM = {"Content-Type": "application/x-www-form-urlencoded"}


class Measured(NamedTuple):
    rate: float
    ok: int
    failed: int
    cpu: dict[str, float]  # CPU milliseconds per successful request, by kind of process


def measure(make_request, seconds: float, clients: int) -> Measured:
    """`throughput`, plus the CPU time the web workers, PostgreSQL and this client spent
    per request (from /proc: the three share the machine's cores)."""
    before = cpu_seconds()
    rate, ok, failed = throughput(seconds, clients, make_request)
    after = cpu_seconds()
    return Measured(rate, ok, failed,
                    {kind: (after[kind] - before[kind]) * 1000 / max(ok, 1) for kind in after})


def cpu_seconds() -> dict[str, float]:
    """CPU seconds used so far by the gunicorn processes, the PostgreSQL processes and
    this benchmark (zero where /proc is not there)."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    totals = {"web": 0.0, "database": 0.0, "client": 0.0}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            data = stat.read_text()
            command = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        name, fields = data.split("(", 1)[1].rsplit(")", 1)
        if name.startswith("postgres"):
            kind = "database"
        elif b"gunicorn" in command:
            kind = "web"
        elif stat.parent.name == str(os.getpid()):
            kind = "client"
        else:
            continue
        values = fields.split()
        totals[kind] += (int(values[11]) + int(values[12])) / tick
    return totals


def submissions_section(title: str, args, queue: list[tuple[str, bytes]]) -> int:
    """Submissions per second beside the bare view and the bare durable write, in
    `args.rounds` rounds (bare, write, submissions, bare again): the medians are printed,
    so that a noisy neighbour in one round does not decide. Returns the submissions
    accepted, each of which must be a stored response."""
    from django.db import connection

    connection.close()  # the server's processes are forked after any pinning
    bare = ("bare Django view", lambda port: request(port, "GET", "/bench/bare/"))
    write = ("bare durable write", lambda port: request(
        port, "POST", "/bench/write/", b"x=1", {**FORM, "Host": "127.0.0.1"}))
    lock = threading.Lock()

    def submit(port: int) -> int:
        with lock:
            path, body = queue.pop()
        return request(port, "POST", path, body, {**FORM, "Host": "127.0.0.1"})

    rounds: list[dict[str, Measured]] = []
    with server(args.workers, cache="") as port:
        # Warm every worker: connections, questionnaire snapshots, prepared statements.
        throughput(2, args.clients, lambda i: bare[1](port))
        throughput(1, args.clients, lambda i: write[1](port))
        _, accepted, _ = throughput(1, args.clients, lambda i: submit(port))
        for _ in range(args.rounds):
            rounds.append({name: measure(lambda i, call=call: call(port), args.seconds,
                                         args.clients)
                           for name, call in (bare, write, ("survey submissions", submit),
                                              (bare[0] + " again", bare[1]))})
        sequential_bare = latency(port, "/bench/bare/", "", 200)[0]
        statuses: list[int] = []
        sequential_submit = statistics.median(
            timed(lambda: statuses.append(submit(port))) for _ in range(200)) * 1000

    def bare_rate(r: dict[str, Measured]) -> float:
        return (r[bare[0]].rate + r[bare[0] + " again"].rate) / 2

    def median_of(value) -> float:
        return statistics.median(value(r) for r in rounds)

    print(f"\n== Submissions, {title} (gunicorn, {args.workers} workers, {args.clients} "
          f"clients; medians of {args.rounds} rounds of {args.seconds:.0f} s each) ==")
    print(f"{'':28}{'per second':>11}{'failed':>7}   CPU ms per request: "
          f"{'web':>5}{'database':>9}{'client':>7}{'all':>6}")
    for name in rounds[0]:
        cpu = {kind: statistics.median(r[name].cpu[kind] for r in rounds)
               for kind in ("web", "database", "client")}
        print(f"{name:<28}{statistics.median(r[name].rate for r in rounds):11.1f}"
              f"{sum(r[name].failed for r in rounds):7}   {'':19}{cpu['web']:5.2f}"
              f"{cpu['database']:9.2f}{cpu['client']:7.2f}{sum(cpu.values()):6.2f}")
    ratio = median_of(lambda r: r["survey submissions"].rate / bare_rate(r))
    print(f"ratio submissions / bare view: {ratio:.2f} (target >= 0.5: "
          f"{'met' if ratio >= 0.5 else 'NOT met'}; rounds: " + ", ".join(
              f"{r['survey submissions'].rate / bare_rate(r):.2f}" for r in rounds) + ")")
    print(f"ratio bare durable write / bare view: "
          f"{median_of(lambda r: r[write[0]].rate / bare_rate(r)):.2f} "
          "(the most a view that commits a row reaches here)")
    print(f"ratio submissions / bare durable write: "
          f"{median_of(lambda r: r['survey submissions'].rate / r[write[0]].rate):.2f}")
    print(f"one request at a time: bare view {sequential_bare:.2f} ms, submission "
          f"{sequential_submit:.2f} ms (median of 200)")
    return accepted + sum(r["survey submissions"].ok for r in rounds) + statuses.count(302)


class Unavailable(Exception):
    pass


@contextlib.contextmanager
def database_on_its_own_core():
    """PostgreSQL's processes on the last core, this benchmark (and the gunicorn it starts)
    on the others; both restored on exit. On a machine of two cores this is what a
    database server of its own gives: the web tier's CPU is no longer shared with it."""
    from django.db import connection

    cores = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    if connection.vendor != "postgresql" or len(cores) < 2:
        raise Unavailable("needs PostgreSQL on this machine and at least two cores")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (backend,) = cursor.fetchone()
    postmaster = parent_of(backend)
    saved = {pid: os.sched_getaffinity(pid) for pid in [postmaster, *children_of(postmaster)]}
    mine = os.sched_getaffinity(0)
    try:
        for pid in saved:
            os.sched_setaffinity(pid, {cores[-1]})
    except (PermissionError, ProcessLookupError) as error:
        restore_affinity(saved, set(cores))
        raise Unavailable(f"cannot pin PostgreSQL's processes: {error}") from None
    os.sched_setaffinity(0, set(cores[:-1]))
    try:
        yield
    finally:
        os.sched_setaffinity(0, mine)
        for pid in children_of(postmaster):  # backends started while pinned
            saved.setdefault(pid, set(cores))
        restore_affinity(saved, set(cores))


def restore_affinity(saved: dict[int, set[int]], default: set[int]) -> None:
    for pid, cores in saved.items():
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.sched_setaffinity(pid, cores or default)


def parent_of(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def children_of(parent: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == parent:
                found.append(int(stat.parent.name))
    return found


def latency(port: int, path: str, cookie: str, repeat: int) -> tuple[float, float]:
    headers = {"Cookie": cookie, "Host": "127.0.0.1"} if cookie else {"Host": "127.0.0.1"}
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        status = request(port, "GET", path, headers=headers)
        times.append(time.perf_counter() - start)
        assert status == 200, (path, status)
    times.sort()
    return statistics.median(times) * 1000, times[max(0, int(len(times) * 0.95) - 1)] * 1000


def query_count(client, path: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, HTTP_HOST="127.0.0.1").status_code == 200
    return len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=4)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--instructions", type=int, default=0, metavar="N",
                        help="also count instructions per request over N requests "
                             "(callgrind; a few minutes)")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    url = database_url()
    print(f"database: {url.split('@')[-1]}")
    fresh_database(url)
    setup_django(url)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from portal.demo import seed_accounts, seed_units
    from surveys.models import Invitation, Response
    from surveys.tokens import token_for

    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    units = seed_units()
    accounts = seed_accounts(units)
    people = make_people(units, 40_000)
    top = units["CDDHQG"]
    submit_survey, submit_questions = make_survey(units, "Khảo sát đo tốc độ gửi", top)
    invitations = Invitation.objects.bulk_create(
        [Invitation(survey=submit_survey, user=p, unit_id=p.unit_id) for p in people],
        batch_size=2000)
    small, small_q = make_survey(units, "Khảo sát 1.000 phiếu", top)
    large, large_q = make_survey(units, "Khảo sát 100.000 phiếu", top)
    fill_responses(small, small_q, people, args.small)
    fill_responses(large, large_q, people, args.large)
    print(f"data ready in {time.perf_counter() - t0:.0f} s: {len(people)} members, "
          f"{Response.objects.filter(survey=large).count():,} + "
          f"{Response.objects.filter(survey=small).count():,} responses")

    rng = random.Random(1)
    bodies = [urlencode(form_data(submit_questions, rng), doseq=True).encode()
              for _ in range(len(invitations))]
    paths = [f"/khao-sat/p/{token_for(inv)}/" for inv in invitations]
    browser = Client()
    browser.force_login(accounts["committee"],
                        backend="portal.auth_backends.EmailOrUsernameBackend")
    cookie = f"sessionid={browser.cookies['sessionid'].value}"
    counts = {name: query_count(browser, f"/khao-sat/{s.pk}/ket-qua/")
              for name, s in (("small", small), ("large", large))}

    with connection.cursor() as cursor:  # the table of the durable-write reference view
        serial = "bigserial" if connection.vendor == "postgresql" else "integer"
        cursor.execute(f"CREATE TABLE bench_write (id {serial} PRIMARY KEY, body text)")
    queue = list(zip(paths, bodies, strict=True))
    before = Response.objects.filter(survey=submit_survey).count()
    accepted = 0
    for title, topology in (("cores shared by the database, gunicorn and this client",
                             contextlib.nullcontext),
                            ("the database on a core of its own, as on a database server",
                             database_on_its_own_core)):
        try:
            with topology():
                accepted += submissions_section(title, args, queue)
        except Unavailable as why:
            print(f"\n== Submissions, {title}: not measured ({why}) ==")
    if args.instructions:
        accepted += instructions_section(queue, args.instructions)
    stored = Response.objects.filter(survey=submit_survey).count() - before
    assert stored == accepted, "every accepted submission is one stored response"
    connection.close()

    pages = (("bare Django view", "/bench/bare/", None),
             (f"results, {args.small:>7,} responses", f"/khao-sat/{small.pk}/ket-qua/", "small"),
             (f"results, {args.large:>7,} responses", f"/khao-sat/{large.pk}/ket-qua/", "large"))
    for title, cache, workers in (("computed on every request (no cache)", "dummy",
                                   args.workers),
                                  ("served from the cache (same response count)", "locmem", 1)):
        with server(workers, cache=cache) as port:
            for _, path, _ in pages:
                latency(port, path, cookie, 3)  # warm connections (and the cache)
            measured = [(name, latency(port, path, cookie, args.repeat), key)
                        for name, path, key in pages]
        print(f"\n== Results page, {title}: {args.repeat} sequential requests, "
              "median / p95 ==")
        for name, (median, p95), key in measured:
            queries = f"   {counts[key]} queries" if key else ""
            print(f"{name:<34}{median:8.1f} ms / {p95:8.1f} ms{queries}")
        (_, bare, _), (_, small_ms, _), (_, large_ms, _) = measured
        print(f"large / small: {large_ms[0] / small_ms[0]:.1f}x; large / bare: "
              f"{large_ms[0] / bare[0]:.0f}x")
    print(f"query count of the results page: {counts['small']} at {args.small:,} responses, "
          f"{counts['large']} at {args.large:,} "
          f"({'constant' if counts['small'] == counts['large'] else 'DIFFERS'})")


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


@contextlib.contextmanager
def server(workers: int, *, cache: str, under: list[str] | None = None):
    """gunicorn on a free loopback port with the benchmark's settings; stopped on exit.
    `under` runs it inside another program (valgrind); its messages are then kept in
    the `report` list yielded with the port, filled once the server has stopped."""
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT), BENCH_CACHE=cache)
    process = subprocess.Popen(
        [*(under or []), sys.executable, "-m", "gunicorn", "portal.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "600",
         "--log-level", "warning"],
        cwd=ROOT, env=env, stderr=subprocess.PIPE if under else subprocess.DEVNULL, text=True)
    report: list[str] = []
    try:
        for _ in range(3000):
            try:
                if request(port, "GET", "/bench/bare/") == 200:
                    break
            except OSError:
                time.sleep(0.1)
        yield (port, report) if under else port
    finally:
        process.terminate()
        _out, err = process.communicate(timeout=300)
        report.append(err or "")


def instructions_section(queue: list[tuple[str, bytes]], count: int) -> int:
    """Instructions per request in one gunicorn worker, counted by callgrind: repeatable
    whatever else the machine does, so it tells small changes apart where requests per
    second cannot. Each figure is (warm-up + count requests) less (warm-up alone), for the
    bare view and for submissions. Returns the submissions accepted."""
    import shutil

    if not shutil.which("valgrind"):
        print("\n== Instructions per request: not measured (no valgrind) ==")
        return 0
    warm, accepted, per_request = 50, 0, {}
    for name in ("bare Django view", "survey submissions"):
        totals = []
        for n in (warm, warm + count):
            with server(1, cache="", under=["valgrind", "--tool=callgrind",
                                            "--trace-children=yes",
                                            "--callgrind-out-file=/dev/null"]) as (port, report):
                for _ in range(n):
                    if name.startswith("bare"):
                        request(port, "GET", "/bench/bare/")
                        continue
                    path, body = queue.pop()
                    accepted += request(port, "POST", path, body,
                                        {**FORM, "Host": "127.0.0.1"}) == 302
            # The worker is the process that did the most: the master only waits.
            totals.append(max(int(x.replace(",", "")) for x in
                              re.findall(r"Collected : ([\d,]+)", report[0])))
        per_request[name] = (totals[1] - totals[0]) / count
    bare, submit = per_request["bare Django view"], per_request["survey submissions"]
    print(f"\n== Instructions per request in a gunicorn worker (callgrind, {count} requests "
          "after a warm-up) ==")
    print(f"bare Django view              {bare / 1e6:6.2f} M")
    print(f"survey submissions            {submit / 1e6:6.2f} M")
    print(f"ratio bare / submission: {bare / submit:.2f} (the web tier's own share of the "
          "target, without the database or the load generator)")
    return accepted


if __name__ == "__main__":
    main()
