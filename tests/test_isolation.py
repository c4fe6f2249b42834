"""Every page that takes an object id refuses everyone outside the object's unit.

The test walks every URL pattern of every app (Django's admin aside) that takes an argument,
finds a real object of the Bách khoa union (BK) for it, and requests it, GET and POST, as an
officer of another union (`officer2`, KHTN), a BK collaborator, a BK member and an anonymous
visitor. Each must be refused (404, 403, 405 for a method the view does not take, or the
login page) without the refusal page naming the record, and change nothing: the row count of
every project table and the target rows' values are the same after the request. The BK
officer must reach the same address, which proves the object and the address are real.

A pattern that takes an id and is neither in TARGETS nor in PUBLIC fails the suite, naming
itself: a new view is checked from the day it exists, or says on PUBLIC why it is open.

Each area adds its own in `tests/<label>/isolation.py` (see AREAS below): `objects(bk, users)`
returns its BK objects by name, `TARGETS` and `BODIES` map its URL names to callables taking
that dict, and `PUBLIC` / `ALLOWED_ROLES` say what is open and why.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection, models, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.html import escape

from tests.collaborators.xlsx import workbook_bytes

SKIPPED_PREFIXES = ("quan-tri/",)  # Django's admin: its own staff-only permission system
OWNER = "officer"
OTHERS = ("officer2", "collaborator", "member", "anonymous")

# Patterns open on purpose: who may use them is decided by what the address carries.
PUBLIC = {
    "surveys:answer_token": "the personal answer link: the signed token in the address is "
                            "the credential (members answer without logging in); a forged "
                            "token is a 404 (tests/surveys)",
    "surveys:published_by_token": "the published results reached from a personal link: "
                                  "the same signed token, and only once that invitation "
                                  "was used to answer",
    "surveys:thanks": "the thank-you page: its argument is the survey id signed by the "
                      "server, so trying ids reveals nothing",
    "portal:help_role": "the user guide: the slug names a role's guide, not a unit's record; "
                        "the same text for every logged-in account",
    "password_reset_confirm": "Django's password reset: the user id and the one-time token "
                              "sent by email are the credential",
}

# (pattern, role) pairs where that role legitimately reaches the BK object used here.
ALLOWED_ROLES = {
    ("surveys:answer_open", "collaborator"): "the BK survey is addressed to every BK account: "
                                             "a BK collaborator is invited to answer it",
    ("surveys:answer_open", "member"): "the BK survey is addressed to every BK account: a BK "
                                       "member is invited to answer it",
}


@dataclass
class Demo:
    """One object of each kind, all in the BK union (or below it), none the BK
    collaborator's or member's own."""

    unit: Any  # a departmental union below BK: a BK member sees only BK itself
    survey: Any
    section: Any
    question: Any
    text_question: Any
    collaborator: Any
    training: Any
    opinion: Any
    batch: Any
    report: Any
    areas: dict[str, dict[str, Any]] = field(default_factory=dict)  # label -> its objects
    over_survey: Any = None  # a BK survey that has closed: documents may be printed of it
    issued: Any = None  # a document issued about it


def _survey(d: Demo) -> dict:
    return {"pk": d.survey.pk}


Target = Callable[[Demo], tuple[dict, list]]

# URL name -> the BK object's arguments, and the rows whose values must not change.
TARGETS: dict[str, Target] = {
    "portal:unit_detail": lambda d: ({"pk": d.unit.pk}, [d.unit]),
    "portal:unit_member_count": lambda d: ({"pk": d.unit.pk}, [d.unit]),
    **{f"surveys:{name}": lambda d: (_survey(d), [d.survey]) for name in (
        "answer_open", "published", "detail", "edit", "open", "close", "delete", "copy",
        "invite", "remind", "print", "builder", "question_add", "section_add", "preview",
        "results", "export_csv", "export_xlsx", "publish")},
    **{f"surveys:{name}": lambda d: ({**_survey(d), "question_id": d.question.pk},
                                     [d.survey, d.question])
       for name in ("question_edit", "question_delete", "question_move")},
    **{f"surveys:{name}": lambda d: ({**_survey(d), "section_id": d.section.pk},
                                     [d.survey, d.section])
       for name in ("section_edit", "section_delete", "section_move")},
    "surveys:text_answers": lambda d: ({**_survey(d), "question_id": d.text_question.pk},
                                       [d.survey, d.text_question]),
    **{f"collaborators:{name}": lambda d: ({"pk": d.collaborator.pk}, [d.collaborator])
       for name in ("detail", "edit", "end", "decision")},
    **{f"collaborators:{name}": lambda d: ({"pk": d.batch.pk}, [d.batch])
       for name in ("import_preview", "import_rejected")},
    **{f"collaborators:{name}": lambda d: ({"pk": d.training.pk}, [d.training])
       for name in ("training_detail", "training_edit", "training_attendance")},
    **{f"collaborators:{name}": lambda d: ({"pk": d.opinion.pk}, [d.opinion])
       for name in ("report_detail", "report_review", "report_escalate")},
    "reports:detail": lambda d: ({"pk": d.report.pk}, [d.report]),
    "reports:regenerate": lambda d: ({"pk": d.report.pk}, [d.report]),
    "reports:download": lambda d: ({"pk": d.report.pk, "fmt": "pdf"}, [d.report]),
    "reports:subject_pdf": lambda d: ({"kind": "survey", "pk": d.over_survey.pk},
                                      [d.over_survey]),
    "reports:subject_issue": lambda d: ({"kind": "survey", "pk": d.over_survey.pk},
                                        [d.over_survey]),
    "reports:issued_download": lambda d: ({"pk": d.issued.pk, "fmt": "pdf"}, [d.issued]),
}

# What a person who got through would plausibly send (the default is an empty body).
BODIES: dict[str, Callable[[Demo], dict]] = {
    "portal:unit_member_count": lambda d: {"member_count": "1"},
    "surveys:question_move": lambda d: {"huong": "xuong"},
    "surveys:section_move": lambda d: {"huong": "xuong"},
    "surveys:section_add": lambda d: {"title": "Phần mới"},
    "surveys:section_edit": lambda d: {"title": "Tên mới", "description": ""},
    "surveys:publish": lambda d: {"questions": [d.question.pk]},
    "collaborators:end": lambda d: {"on": date.today().isoformat(), "reason": "Thôi tham gia"},
    "collaborators:report_review": lambda d: {"action": "review", "body": "Đã xem."},
    "collaborators:report_escalate": lambda d: {"note": "Chuyển xử lý."},
    "collaborators:training_attendance": lambda d: {"don-vi": str(d.collaborator.unit_id),
                                                    "present": [d.collaborator.pk]},
}


AREAS = ("directives", "meetings", "dialogue", "inspections", "practices", "bulletins",
         "reports")


def _area_modules():
    for label in AREAS:
        try:
            yield label, importlib.import_module(f"tests.{label}.isolation")
        except ModuleNotFoundError as error:
            if error.name not in (f"tests.{label}", f"tests.{label}.isolation"):
                raise


def _in_area(label: str, function: Callable) -> Callable[[Demo], Any]:
    return lambda d: function(d.areas[label])


for _label, _module in _area_modules():
    TARGETS.update({name: _in_area(_label, f) for name, f in _module.TARGETS.items()})
    BODIES.update({name: _in_area(_label, f)
                   for name, f in getattr(_module, "BODIES", {}).items()})
    PUBLIC.update(getattr(_module, "PUBLIC", {}))
    ALLOWED_ROLES.update(getattr(_module, "ALLOWED_ROLES", {}))


# --- the URL patterns --------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    name: str
    route: str


def _takes_arguments(pattern: URLPattern) -> bool:
    return bool(pattern.pattern.converters or pattern.pattern.regex.groups)


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for item in patterns:
        route = prefix + str(item.pattern)
        if route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(item, URLResolver):
            inner = f"{namespace}{item.namespace}:" if item.namespace else namespace
            yield from _walk(item.url_patterns, route, inner)
        elif _takes_arguments(item):
            yield Pattern(f"{namespace}{item.name}" if item.name else route, route)


def patterns_with_ids() -> list[Pattern]:
    return sorted(set(_walk(get_resolver().url_patterns)), key=lambda p: p.name)


PATTERNS = patterns_with_ids()
CHECKED = [p.name for p in PATTERNS if p.name not in PUBLIC]


def test_every_pattern_that_takes_an_id_is_checked_or_public():
    names = {p.name for p in PATTERNS}
    unmapped = [f"{p.route} ({p.name})" for p in PATTERNS
                if p.name not in TARGETS and p.name not in PUBLIC]
    assert not unmapped, (
        "these URL patterns take an id but the isolation test does not know how to find a "
        "BK object for them: add them to TARGETS in tests/test_isolation.py (or to PUBLIC "
        "with the reason they are open):\n" + "\n".join(unmapped))
    stale = sorted((set(TARGETS) | set(PUBLIC) | {n for n, _ in ALLOWED_ROLES}) - names)
    assert not stale, f"no URL pattern is named {stale} any more: remove the entries"


def test_the_walk_sees_every_app():
    seen = {p.name.split(":")[0] for p in PATTERNS}
    assert {"portal", "surveys", "collaborators", "reports"} <= seen
    assert "admin" not in seen


# --- the demo data ------------------------------------------------------------------------


def _bk_objects() -> Demo:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from collaborators.importer import roster_import_preview
    from collaborators.models import Collaborator, OpinionReport, Training
    from portal.models import Unit, User
    from reports.models import IssuedDocument, Report
    from surveys.models import Question, Survey
    from tests.surveys.factories import SurveyFactory

    bk = Unit.objects.get(code="BK")
    users = {u.username: u for u in User.objects.filter(username__in=[OWNER, *OTHERS])}
    survey = (Survey.objects.filter(owner_unit=bk).exclude(status=Survey.Status.DRAFT)
              .order_by("pk").first())
    questions = survey.questions.order_by("section__position", "position", "id")
    person = Collaborator.objects.filter(unit=bk, account=None).order_by("pk").first()
    person.decision_file.save("quyet-dinh.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    training = (Training.objects.filter(organiser=bk)
                .exclude(attendances__collaborator__account=users["collaborator"])
                .order_by("pk").first()) or Training.objects.create(
        title="Sinh hoạt chuyên đề", organiser=bk, held_on=date.today(), hours=2,
        created_by=users[OWNER])
    opinion = (OpinionReport.objects.filter(unit__path__startswith=bk.path,
                                            status=OpinionReport.Status.NEW)
               .exclude(author__in=[users["collaborator"], users["member"]])
               .order_by("pk").first())
    sheet = workbook_bytes([["Họ và tên", "Mã đơn vị"], ["Nguyễn Văn An", "BK"],
                            ["Trần Thị Bình", "KHONG-CO"]])  # one row to fix
    batch = roster_import_preview(upload=SimpleUploadedFile("danh-sach.xlsx", sheet),
                                  by=users[OWNER])
    report = Report.objects.filter(scope=bk).order_by("pk").first()
    if not report.pdf:  # rendering needs Pango; the download is what is checked here
        report.pdf.save("bao-cao.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    over_survey = (Survey.objects.filter(owner_unit=bk).over().order_by("pk").first()
                   or SurveyFactory(owner_unit=bk, status="closed",
                                    title="Khảo sát đã kết thúc"))
    issued = IssuedDocument(kind="survey", subject_id=over_survey.pk, issuer=bk,
                            subject_line=over_survey.title, document_name="BÁO CÁO",
                            year=2026, symbol="BC-CĐBK", number=99,
                            issued_on=date.today(), issued_by=users[OWNER])
    issued.pdf.save("van-ban.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    return Demo(
        over_survey=over_survey, issued=issued,
        areas={label: module.objects(bk, users) for label, module in _area_modules()},
        unit=Unit.objects.filter(parent=bk).order_by("code").first(), survey=survey,
        section=survey.sections.order_by("position").first(), question=questions.first(),
        text_question=questions.filter(kind__in=Question.TEXT_KINDS).first(),
        collaborator=person, training=training, opinion=opinion, batch=batch, report=report)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, seeded once for the module inside a transaction rolled back at its end
    (each test runs in a savepoint of it)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("seed_demo", stdout=StringIO())
            yield _bk_objects()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


# --- requests and fingerprints -------------------------------------------------------------


def _project_models() -> list[type[models.Model]]:
    base = Path(settings.BASE_DIR).resolve()
    found = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(base) and ".venv" not in path.parts:
            found += [m for m in config.get_models(include_auto_created=True)
                      if m._meta.managed and not m._meta.proxy]
    return found


def _counts_sql() -> tuple[str, list[str]]:
    tables = sorted({m._meta.db_table for m in _project_models()})
    quote = connection.ops.quote_name
    return "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables), tables


def fingerprint(rows: list[models.Model]) -> dict:
    sql, tables = _counts_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        counts = dict(zip(tables, cursor.fetchone(), strict=True))
    values = {f"{type(r).__name__} {r.pk}": type(r)._base_manager.filter(pk=r.pk).values().first()
              for r in rows}
    return {"counts": counts, "rows": values}


def difference(before: dict, after: dict) -> str:
    changed = [f"{t}: {n} -> {after['counts'][t]}" for t, n in before["counts"].items()
               if after["counts"][t] != n]
    changed += [f"{key} changed" for key, row in before["rows"].items()
                if after["rows"][key] != row]
    return "; ".join(changed)


def client_as(role: str) -> Client:
    from portal.models import User

    client = Client()
    if role != "anonymous":
        client.force_login(User.objects.get(username=role),
                           backend="portal.auth_backends.EmailOrUsernameBackend")
    return client


def refused(response) -> bool:
    if response.status_code in (403, 404, 405):
        return True
    if response.status_code == 302:
        return urlsplit(response["Location"]).path == reverse(settings.LOGIN_URL)
    return False


# The text that names a record: a refusal page must not show it.
NAMING_FIELDS = {"Unit": "name", "Survey": "title", "Question": "text", "Collaborator":
                 "full_name", "Training": "title", "OpinionReport": "summary"}


def shown(response, rows: list[models.Model]) -> list[str]:
    """The names of the target records that a response's page shows."""
    if "text/html" not in response.get("Content-Type", "") or response.streaming:
        return []
    page = response.content.decode(response.charset or "utf-8", "replace")
    names = [getattr(r, NAMING_FIELDS[type(r).__name__]) for r in rows
             if type(r).__name__ in NAMING_FIELDS]
    return [name for name in names if name in page or escape(name) in page]


def _outcome(response) -> str:
    where = f" to {response['Location']}" if response.status_code in (301, 302) else ""
    return f"{response.status_code}{where}"


@pytest.mark.parametrize("name", CHECKED)
def test_the_owner_reaches_it(demo, db, name):
    """The BK officer is not refused: the object and its address are real."""
    if name not in TARGETS:
        pytest.fail(f"{name} takes an id and has no entry in TARGETS")
    kwargs, _rows = TARGETS[name](demo)
    response = client_as(OWNER).get(reverse(name, kwargs=kwargs))
    assert response.status_code not in (403, 404) and not (
        response.status_code == 302 and refused(response)), (
        f"the BK officer gets {_outcome(response)} on {name}: the test's BK object is wrong")


@pytest.mark.parametrize("role", OTHERS)
@pytest.mark.parametrize("name", CHECKED)
def test_everyone_else_is_refused_and_changes_nothing(demo, db, name, role):
    if name not in TARGETS:
        pytest.fail(f"{name} takes an id and has no entry in TARGETS")
    if (name, role) in ALLOWED_ROLES:
        pytest.skip(ALLOWED_ROLES[name, role])
    kwargs, rows = TARGETS[name](demo)
    url = reverse(name, kwargs=kwargs)
    client = client_as(role)
    problems = []
    for method, body in (("get", None), ("post", BODIES.get(name, lambda d: {})(demo))):
        before = fingerprint(rows)
        response = getattr(client, method)(url, body) if body is not None \
            else client.get(url)
        if not refused(response):
            problems.append(f"{method.upper()} {url} as {role}: {_outcome(response)}")
        elif leaked := shown(response, rows):
            problems.append(f"{method.upper()} {url} as {role} refused, but shows {leaked}")
        changed = difference(before, fingerprint(rows))
        if changed:
            problems.append(f"{method.upper()} {url} as {role} changed {changed}")
    assert not problems, "\n".join(problems)
