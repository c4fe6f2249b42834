"""What inspections give the dashboard, the home page, the reminders and the documents."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from directives.inspections import services as s
from directives.inspections.models import Inspection, Recommendation, Review
from portal.contributions import Frame, data_version, document_subject, indicators, panels
from portal.periods import Period
from tests.inspections.conftest import TODAY, advance, plan


@pytest.fixture
def answered_world(programme, units, accounts):
    """A concluded inspection of BK with one overdue, one due soon and one answered
    recommendation (the BK officer in charge)."""
    team, officer = accounts["committee"], accounts["officer"]
    inspection = advance(plan(programme, units["BK"], team), "verified", team=team,
                         unit_officer=officer)
    items = [s.recommendation_add(inspection=inspection, text=text, owner=officer,
                                  due_on=TODAY + timedelta(days=days), by=team)
             for text, days in (("Kiện toàn.", -40), ("Báo cáo.", 2), ("Đối thoại.", 30))]
    s.inspection_conclude(inspection=inspection, rating="fair", conclusion="Khá.",
                          concluded_on=TODAY - timedelta(days=50), by=team)
    s.recommendation_answer(recommendation=items[2], note="Đã tổ chức.", by=officer)
    return inspection, items


def test_the_dashboard_column_and_panel_count_overdue_recommendations(answered_world, units):
    top = units["CDDHQG"]
    frame = Frame(top, list(top.children.order_by("path")), Period(TODAY - timedelta(days=29),
                                                                   TODAY))
    column = next(i for i in indicators() if i.key == "inspection_overdue")
    figures = column.compute(frame)
    assert figures[top.pk].value == 1 and figures[units["BK"].pk].value == 1
    assert figures[units["KHTN"].pk].value == 0
    assert "loc=overdue" in figures[units["BK"].pk].url
    panel = next(p for p in panels() if p.key == "inspection_ages")
    ages = panel.context(frame)["ages"]
    assert (ages["not_due"], ages["late_30"], ages["late_90"], ages["late_more"]) == (
        1, 0, 1, 0)


def test_the_data_version_changes_with_an_answer(answered_world, accounts):
    _inspection, items = answered_world
    before = data_version()
    s.recommendation_accept(recommendation=items[2], by=accounts["committee"])
    assert data_version() != before


def test_home_todos_for_the_unit_and_the_team(answered_world, client_for, accounts,
                                              settings):
    page = client_for(accounts["officer"]).get(reverse("home")).content.decode()
    assert "Kiến nghị kiểm tra quá hạn cần trả lời" in page
    page = client_for(accounts["committee"]).get(reverse("home")).content.decode()
    assert "Trả lời kiến nghị kiểm tra chờ anh/chị đánh giá" in page


def test_the_recommendation_lists_filter(answered_world, client_for, accounts, units):
    client = client_for(accounts["officer"])
    page = client.get(reverse("inspections:recommendations") + "?loc=overdue").content.decode()
    assert "Kiện toàn." in page and "Đối thoại." not in page
    page = client_for(accounts["committee"]).get(
        reverse("inspections:recommendations") + "?loc=review").content.decode()
    assert "Đối thoại." in page and "Kiện toàn." not in page
    assert client_for(accounts["officer2"]).get(
        reverse("inspections:recommendations")).content.decode().count("Kiện toàn.") == 0


def test_reminders_go_once_to_the_person_in_charge_and_the_officers(answered_world,
                                                                    settings):
    from directives.inspections.tasks import remind_recommendations

    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.PORTAL_BASE_URL = "https://cong.example.vn"
    from django.utils import timezone

    today = timezone.localdate()
    Recommendation.objects.filter(text="Báo cáo.").update(due_on=today + timedelta(days=1))
    Recommendation.objects.filter(text="Kiện toàn.").update(due_on=today - timedelta(days=3))
    sent = remind_recommendations.apply().get()
    assert sent == 2
    subjects = sorted(m.subject for m in mail.outbox)
    assert any("quá hạn" in x for x in subjects) and any("sắp đến hạn" in x for x in subjects)
    assert all("https://cong.example.vn/kiem-tra/kien-nghi/" in m.body for m in mail.outbox)
    count = len(mail.outbox)
    assert remind_recommendations.apply().get() == 0 and len(mail.outbox) == count


def test_the_daily_reminder_is_scheduled(db):
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="inspections.remind_recommendations")
    assert (task.crontab.hour, task.crontab.minute) == ("7", "0")


def test_the_conclusion_document_has_its_sections(answered_world, client_for, accounts):
    inspection, _items = answered_world
    subject = document_subject("inspection_conclusion")
    assert (subject.document_name, subject.symbol, subject.numbered) == ("KẾT LUẬN", "KL", True)
    assert subject.issuer(inspection) == inspection.programme.unit
    headings = [section.heading for section in subject.sections(inspection)]
    assert headings == ["I. CĂN CỨ, MỤC ĐÍCH, NỘI DUNG KIỂM TRA", "II. KẾT QUẢ KIỂM TRA",
                        "III. KẾT LUẬN", "IV. KIẾN NGHỊ"]
    text = " ".join(getattr(b, "text", "") for sec in subject.sections(inspection)
                    for b in sec.blocks)
    assert "Khá" in text and "Kiện toàn." in text
    assert inspection in subject.choices(accounts["officer"])  # the unit reads it
    assert inspection not in subject.choices(accounts["officer2"])
    page = client_for(accounts["committee"]).get(inspection.get_absolute_url())
    assert reverse("reports:subject_issue", args=["inspection_conclusion", inspection.pk]) \
        in page.content.decode()


def test_seed_demo_fills_every_state_and_adds_nothing_twice(db, client_for):
    call_command("seed_demo", stdout=StringIO())
    counts = (Inspection.objects.count(), Recommendation.objects.count(),
              Review.objects.count())
    call_command("seed_demo", stdout=StringIO())
    assert (Inspection.objects.count(), Recommendation.objects.count(),
            Review.objects.count()) == counts
    year = date.today().year
    states = set(Inspection.objects.filter(programme__year=year).values_list("status",
                                                                            flat=True))
    assert states == set(Inspection.Status.values)
    assert Recommendation.objects.filter(review="accepted").exists()
    assert Recommendation.objects.overdue(date.today()).exists()
    review = Review.objects.get(directive__number="360/CĐ-ĐHQG")
    assert review.ratings.count() == 13 and review.assessments.count() == 13 * 6
