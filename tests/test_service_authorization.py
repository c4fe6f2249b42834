"""Every write service that takes an actor checks it, the same way: `require_change(by, unit)`.

Each service is called directly (no view, no form in front of it) on a record of the Bách
khoa union (BK) by an officer of another union (`officer2`, KHTN) and by a BK member: it must
raise PermissionDenied and store nothing (row counts of every project table, the target
rows' values, no job queued). The BK officer and the committee doing the same thing are not
refused, which proves each call is a real one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import cached_property

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from tests.test_isolation import difference, fingerprint

REFUSED = ("officer2", "member")
ALLOWED = ("officer", "committee")


class World:
    """BK records, all made before a case's fingerprint is taken."""

    def __init__(self, units):
        self.bk = units["BK"]
        for name in ("draft", "open", "over", "collaborator", "training", "opinion", "report",
                     "chore"):
            getattr(self, name)

    def _survey(self, status, **fields):
        from surveys.models import Question
        from tests.surveys.factories import SurveyFactory, add_question

        survey = SurveyFactory(owner_unit=self.bk, status=status, **fields)
        add_question(survey, Question.Kind.SINGLE, "Anh/chị có hài lòng không?",
                     choices=["Có", "Không"])
        add_question(survey, Question.Kind.SHORT_TEXT, "Góp ý thêm")
        return survey

    @cached_property
    def draft(self):
        from surveys.models import Section, Survey

        survey = self._survey(Survey.Status.DRAFT)
        Section.objects.create(survey=survey, title="Phần 2", position=1)
        return survey

    @cached_property
    def open(self):
        from surveys.models import Survey

        return self._survey(Survey.Status.OPEN)

    @cached_property
    def over(self):
        from surveys.models import Survey

        now = timezone.now()
        return self._survey(Survey.Status.CLOSED, opens_at=now - timedelta(days=9),
                            closes_at=now - timedelta(days=2))

    @cached_property
    def collaborator(self):
        from tests.collaborators.factories import CollaboratorFactory

        return CollaboratorFactory(unit=self.bk)

    @cached_property
    def training(self):
        from tests.collaborators.factories import TrainingFactory

        return TrainingFactory(organiser=self.bk)

    @cached_property
    def opinion(self):
        from tests.collaborators.factories import OpinionReportFactory

        return OpinionReportFactory(unit=self.bk, collaborator=self.collaborator)

    @cached_property
    def report(self):
        from reports.periods import period_ending_on_cutoff
        from reports.services import report_request

        return report_request(kind="monthly", scope=self.bk, by=None,
                              period=period_ending_on_cutoff("monthly",
                                                             timezone.localdate()))

    @cached_property
    def chore(self):
        from tests.tracked_items.models import Chore

        return Chore.objects.create(unit=self.bk, title="Nộp báo cáo",
                                    due_on=timezone.localdate())

    def question(self, survey):
        return survey.questions.order_by("position").first()

    def section(self, survey, position=0):
        return survey.sections.get(position=position)


# --- the calls: name -> (what it touches, the call) ----------------------------------------

Case = Callable[[World, object], tuple[list, Callable[[], object]]]


def _survey_fields(w: World) -> dict:
    now = timezone.now()
    return {"title": "Khảo sát mới", "description": "", "topic": w.draft.topic,
            "owner_unit": w.bk, "opens_at": now, "closes_at": now + timedelta(days=7),
            "anonymous": True, "open_link": False, "min_group_size": 5}


def _question_fields(w: World, survey) -> dict:
    from surveys.models import Question

    return {"section": w.section(survey), "labels": ["Có", "Không"], "condition_choices": [],
            "fields": {"kind": Question.Kind.SINGLE, "text": "Câu hỏi mới", "help_text": "",
                       "required": False, "has_other": False, "max_choices": None,
                       "min_value": None, "max_value": None}}


def _roster_data(w: World) -> dict:
    from collaborators.services import ROSTER_FIELDS
    from tests.collaborators.factories import CollaboratorFactory

    person = CollaboratorFactory.build(unit=w.bk)
    return {f: getattr(person, f) for f in ROSTER_FIELDS}


def _training_data(w: World) -> dict:
    return {"title": "Tập huấn mới", "held_on": timezone.localdate(), "organiser": w.bk,
            "hours": 2, "place": "Hội trường", "content": ""}


def _surveys() -> dict[str, Case]:
    from surveys import services as s

    return {
        "survey_create": lambda w, by: ([], lambda: s.survey_create(
            by=by, fields=_survey_fields(w), audience_units=[w.bk])),
        "survey_update": lambda w, by: ([w.draft], lambda: s.survey_update(
            survey=w.draft, by=by, fields={"title": "Tên mới"}, audience_units=[w.bk])),
        "survey_open": lambda w, by: ([w.draft], lambda: s.survey_open(survey=w.draft, by=by)),
        "survey_close": lambda w, by: ([w.open], lambda: s.survey_close(survey=w.open, by=by)),
        "survey_delete": lambda w, by: ([w.draft],
                                        lambda: s.survey_delete(survey=w.draft, by=by)),
        "survey_copy": lambda w, by: ([w.open], lambda: s.survey_copy(survey=w.open, by=by)),
        "survey_publish_results": lambda w, by: (
            [w.over, w.question(w.over)], lambda: s.survey_publish_results(
                survey=w.over, by=by, questions=[w.question(w.over)])),
        "survey_send_invitations": lambda w, by: ([w.open], lambda: s.survey_send_invitations(
            survey=w.open, by=by, base_url="http://testserver/")),
        "survey_send_reminders": lambda w, by: ([w.open], lambda: s.survey_send_reminders(
            survey=w.open, by=by, base_url="http://testserver/")),
        "section_create": lambda w, by: ([w.draft], lambda: s.section_create(
            survey=w.draft, by=by, title="Phần mới")),
        "section_update": lambda w, by: ([w.section(w.draft)], lambda: s.section_update(
            section=w.section(w.draft), by=by, title="Tên mới", description="")),
        "section_delete": lambda w, by: ([w.section(w.draft, 1)], lambda: s.section_delete(
            section=w.section(w.draft, 1), by=by)),
        "section_move": lambda w, by: ([w.section(w.draft)], lambda: s.section_move(
            section=w.section(w.draft), by=by, direction="down")),
        "question_create": lambda w, by: ([w.draft], lambda: s.question_create(
            survey=w.draft, by=by, **_question_fields(w, w.draft))),
        "question_update": lambda w, by: ([w.question(w.draft)], lambda: s.question_update(
            question=w.question(w.draft), by=by, **_question_fields(w, w.draft))),
        "question_delete": lambda w, by: ([w.question(w.draft)], lambda: s.question_delete(
            question=w.question(w.draft), by=by)),
        "question_move": lambda w, by: ([w.question(w.draft)], lambda: s.question_move(
            question=w.question(w.draft), by=by, direction="down")),
    }


def _collaborators() -> dict[str, Case]:
    from collaborators import services as c

    return {
        "collaborator_create": lambda w, by: ([], lambda: c.collaborator_create(
            data=_roster_data(w), by=by)),
        "collaborator_update": lambda w, by: ([w.collaborator], lambda: c.collaborator_update(
            collaborator=w.collaborator, data={"notes": "Đã đổi"}, by=by)),
        "collaborator_end": lambda w, by: ([w.collaborator], lambda: c.collaborator_end(
            collaborator=w.collaborator, on=timezone.localdate(), reason="Nghỉ", by=by)),
        "training_create": lambda w, by: ([], lambda: c.training_create(
            data=_training_data(w), by=by)),
        "training_update": lambda w, by: ([w.training], lambda: c.training_update(
            training=w.training, data=_training_data(w), by=by)),
        "training_set_attendance": lambda w, by: ([w.training], lambda: (
            c.training_set_attendance(training=w.training, candidates=[w.collaborator],
                                      present=[w.collaborator], by=by))),
        "opinion_report_comment": lambda w, by: ([w.opinion], lambda: (
            c.opinion_report_comment(report=w.opinion, by=by, body="Đã ghi nhận."))),
        "opinion_report_review": lambda w, by: ([w.opinion], lambda: (
            c.opinion_report_review(report=w.opinion, by=by, comment="Đã xem."))),
        "opinion_report_escalate": lambda w, by: ([w.opinion], lambda: (
            c.opinion_report_escalate(report=w.opinion, by=by, note="Chuyển xử lý."))),
    }


def _portal_and_reports() -> dict[str, Case]:
    from portal import services as p
    from reports import services as r
    from reports.periods import period_ending_on_cutoff

    def quarter():
        return period_ending_on_cutoff("quarterly", timezone.localdate())

    return {
        "unit_update_member_count": lambda w, by: ([w.bk], lambda: p.unit_update_member_count(
            unit=w.bk, member_count=1, by=by)),
        "tracked_item_progress": lambda w, by: ([w.chore], lambda: p.tracked_item_progress(
            item=w.chore, by=by, status="done", note="Xong")),
        "report_request": lambda w, by: ([], lambda: r.report_request(
            kind="quarterly", period=quarter(), scope=w.bk, by=by)),
        "report_request_for_survey": lambda w, by: ([w.over], lambda: (
            r.report_request_for_survey(survey=w.over, by=by))),
        "report_regenerate": lambda w, by: ([w.report], lambda: r.report_regenerate(
            report=w.report, by=by)),
    }


CASES: dict[str, Case] = {**_surveys(), **_collaborators(), **_portal_and_reports()}


# Services with an actor that are checked by the tests at the end of this module.
ELSEWHERE = {"opinion_report_file", "roster_import_preview", "roster_import_confirm"}
READS = {"roster_import_plan"}  # the import preview's plan: reads the kept sheet, stores nothing
SERVICE_MODULES = ("portal.services", "collaborators.services", "collaborators.importer.write",
                   "surveys.services.builder", "surveys.services.distribution",
                   "surveys.services.submission", "reports.services")


AREAS = ("directives", "meetings", "dialogue", "inspections", "practices", "bulletins",
         "reports")


def _write_modules() -> list[str]:
    """Every module of a write layer: SERVICE_MODULES, and in the areas (and the pieces
    of reports added since) any `services.py` or module of a `services` package, wherever
    the app keeps it (dialogue keeps one per half)."""
    from pathlib import Path

    from django.apps import apps

    names = set(SERVICE_MODULES)
    for config in apps.get_app_configs():
        if not (config.name.startswith("directives") or config.name == "reports"):
            continue
        root = Path(config.path)
        for path in root.rglob("*.py"):
            if "migrations" in path.parts or not (
                    path.stem == "services" or path.parent.name == "services"):
                continue
            parts = path.relative_to(root).with_suffix("").parts
            names.add(".".join([config.name, *parts]).removesuffix(".__init__"))
    return sorted(names)


def area_cases() -> dict[str, str]:
    """Services an area's own `tests/<label>/authorization.py` calls the same way (its
    `cases()`, run by that area's authorization test), and those it names in `PERSONAL`
    (acting for a person, not a unit, checked in its own tests): name -> the module."""
    import importlib

    found = {}
    for label in AREAS:
        try:
            module = importlib.import_module(f"tests.{label}.authorization")
        except ModuleNotFoundError as error:
            if error.name in (f"tests.{label}", f"tests.{label}.authorization"):
                continue
            raise
        found.update(dict.fromkeys(module.cases(), module.__name__))
        found.update(dict.fromkeys(getattr(module, "PERSONAL", ()), module.__name__))
    return found


def services_with_an_actor() -> set[str]:
    import importlib
    import inspect

    found = set()
    for name in _write_modules():
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if (inspect.isfunction(value) and value.__module__ == module.__name__
                    and not attribute.startswith("_")
                    and {"by", "author"} & set(inspect.signature(value).parameters)):
                found.add(attribute)
    return found


def test_every_service_with_an_actor_is_called_here():
    missing = (services_with_an_actor() - set(CASES) - set(area_cases()) - ELSEWHERE
               - READS)
    assert not missing, (f"{sorted(missing)} take an actor but neither "
                         "tests/test_service_authorization.py nor an area's "
                         "tests/<label>/authorization.py calls them as another unit's officer")


@pytest.fixture
def world(units, accounts):
    return World(units)


@pytest.mark.parametrize("actor", REFUSED)
@pytest.mark.parametrize("name", sorted(CASES))
def test_another_unit_or_a_member_is_refused_and_nothing_is_stored(
        world, accounts, django_capture_on_commit_callbacks, name, actor):
    rows, call = CASES[name](world, accounts[actor])
    before = fingerprint(rows)
    with django_capture_on_commit_callbacks() as queued, pytest.raises(PermissionDenied):
        call()
    assert not difference(before, fingerprint(rows))
    assert not queued, "a job was queued for a refused actor"


@pytest.mark.parametrize("actor", ALLOWED)
@pytest.mark.parametrize("name", sorted(CASES))
def test_the_units_officer_and_the_committee_may(world, accounts, name, actor):
    _rows, call = CASES[name](world, accounts[actor])
    call()  # raises nothing: the refusals above are about the actor, not the call


def test_an_officer_may_not_aim_a_survey_at_another_units_members_nor_hand_it_over(
        world, units, accounts):
    from surveys.models import Survey
    from surveys.services import survey_create, survey_update

    officer, khtn = accounts["officer"], units["KHTN"]
    surveys = Survey.objects.count()
    with pytest.raises(PermissionDenied):
        survey_create(by=officer, fields=_survey_fields(world), audience_units=[khtn])
    with pytest.raises(PermissionDenied):
        survey_update(survey=world.draft, by=officer, fields={"owner_unit": khtn},
                      audience_units=[khtn])
    world.draft.refresh_from_db()
    assert (Survey.objects.count(), world.draft.owner_unit) == (surveys, world.bk)


def test_a_member_may_not_file_an_opinion_report(world, accounts):
    """Filing is the collaborators' (and officers') work: the service says so itself."""
    from collaborators.models import OpinionReport
    from collaborators.services import opinion_report_file

    data = {"topic": OpinionReport.Topic.PAY, "summary": "Băn khoăn về lương.",
            "sentiment": OpinionReport.Sentiment.NEUTRAL}
    before = OpinionReport.objects.count()
    with pytest.raises(PermissionDenied):
        opinion_report_file(author=accounts["member"], data=data)
    assert OpinionReport.objects.count() == before
    filed = opinion_report_file(author=accounts["collaborator"], data=data)
    assert filed.unit == world.bk


def test_roster_import_only_for_roster_keepers_and_confirmed_only_by_the_uploader(
        world, accounts):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from collaborators.importer import roster_import_confirm, roster_import_preview
    from collaborators.models import Collaborator, ImportBatch
    from tests.collaborators.xlsx import workbook_bytes

    def sheet():
        return SimpleUploadedFile("danh-sach.xlsx", workbook_bytes(
            [["Họ và tên", "Mã đơn vị"], ["Nguyễn Văn An", "BK"]]))

    with pytest.raises(PermissionDenied):
        roster_import_preview(upload=sheet(), by=accounts["member"])
    assert not ImportBatch.objects.exists()
    batch = roster_import_preview(upload=sheet(), by=accounts["officer"])
    people = Collaborator.objects.count()
    for actor in ("officer2", "committee"):
        with pytest.raises(PermissionDenied):
            roster_import_confirm(batch=batch, by=accounts[actor])
    assert Collaborator.objects.count() == people
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PREVIEWED
