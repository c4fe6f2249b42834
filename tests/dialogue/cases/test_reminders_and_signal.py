"""The daily reminder of deadlines (once each), the escalated opinion report's case, the
home to-dos and the demo seed."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.utils import timezone

from directives.dialogue.cases import services
from directives.dialogue.cases.tasks import remind_cases, send_case_reminders
from directives.dialogue.models import Case

from .factories import open_case, raise_case

pytestmark = pytest.mark.django_db


def test_reminders_go_once_before_and_after_the_deadline(accounts):
    officer = accounts["officer"]
    soon = open_case(officer, title="Sắp đến hạn")
    late = open_case(officer, title="Đã quá hạn")
    done = open_case(officer, title="Đã xong")
    today = timezone.localdate()
    Case.objects.filter(pk=soon.pk).update(due_on=today + timedelta(days=1))
    Case.objects.filter(pk=late.pk).update(due_on=today - timedelta(days=3))
    services.case_intake(case=done, by=officer, outcome="not_for_union", reason="Lý do.",
                         refer_to="Phòng Tổ chức")
    assert remind_cases.apply().get() == 2
    subjects = sorted(m.subject for m in mail.outbox)
    assert any("Sắp đến hạn" in s for s in subjects) and any("Đã quá hạn" in s for s in subjects)
    assert all(officer.email in m.to for m in mail.outbox)
    assert all(accounts["member"].full_name not in m.body for m in mail.outbox)
    assert send_case_reminders() == 0  # a second run sends nothing more
    assert len(mail.outbox) == 2


def test_escalating_an_opinion_report_opens_a_linked_case(accounts, units,
                                                           django_capture_on_commit_callbacks):
    from collaborators.services import opinion_report_escalate
    from tests.collaborators.factories import OpinionReportFactory

    report = OpinionReportFactory(unit=units["BK"], urgency="urgent")
    with django_capture_on_commit_callbacks(execute=True):
        opinion_report_escalate(report=report, by=accounts["officer"], note="Cần xử lý.")
    case = Case.objects.get(opinion_report=report)
    assert case.source == "opinion_report" and case.unit == units["BK"]
    assert case.urgency == "urgent" and case.escalated_on and case.raised_by_id is None
    assert report.summary in case.description
    # Once only.
    services.case_from_opinion_report(report=report, by=accounts["officer"])
    assert Case.objects.filter(opinion_report=report).count() == 1


def test_home_shows_overdue_cases_and_answers_to_read(accounts):
    from portal.home import todos_for

    officer, member = accounts["officer"], accounts["member"]
    case, _code = raise_case(member)
    Case.objects.filter(pk=case.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    assert any(t.count == 1 and t.level == "danger" for t in todos_for(officer))
    case.refresh_from_db()
    services.case_intake(case=case, by=officer, outcome="accepted")
    services.case_answer(case=case, by=officer, answer="Đã trả lời.")
    assert any("/kien-nghi-cua-toi/" in t.url for t in todos_for(member))


def test_the_seed_is_idempotent_and_prints_the_receipt_code(accounts, capsys):
    import collaborators.seed
    from directives.dialogue.cases import seed

    collaborators.seed.seed(stdout=StringIO())
    out = StringIO()
    seed.seed(stdout=out)
    count = Case.objects.count()
    assert "receipt code" in out.getvalue()
    stages = set(Case.objects.values_list("stage", flat=True))
    assert stages >= {"received", "verifying", "accepted", "forwarded", "in_progress",
                      "not_for_union", "resolved", "declined", "closed"}
    assert Case.objects.filter(raised_by=accounts["member"], stage="resolved").exists()
    assert Case.objects.overdue(timezone.localdate()).exists()
    assert Case.objects.filter(anonymous=True).count() == 1
    assert Case.objects.filter(opinion_report__isnull=False).exists()
    seed.seed(stdout=StringIO())
    assert Case.objects.count() == count
