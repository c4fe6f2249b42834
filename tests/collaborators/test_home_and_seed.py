import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collaborators.models import Attendance, Collaborator, OpinionReport, Training

from .factories import CollaboratorFactory, OpinionReportFactory

pytestmark = pytest.mark.django_db


def test_officer_home_lists_waiting_reports_and_untrained_people(client_for, accounts, units):
    OpinionReportFactory(unit=units["BK"], urgency="urgent")
    OpinionReportFactory(unit=units["BK-CK"])
    OpinionReportFactory(unit=units["KHTN"])
    CollaboratorFactory(unit=units["BK"])
    page = client_for(accounts["officer"]).get(reverse("home")).content.decode()
    assert "Phiếu phản ánh khẩn cấp đang chờ xem xét" in page
    assert "Phiếu phản ánh đang chờ anh/chị xem xét" in page
    assert "chưa được tập huấn trong 12 tháng qua" in page
    assert "Mạng lưới dư luận xã hội" in page  # the coverage panel


def test_collaborator_home_has_the_report_button(client_for, accounts, units):
    CollaboratorFactory(unit=units["BK"], account=accounts["collaborator"])
    page = client_for(accounts["collaborator"]).get(reverse("home")).content.decode()
    assert "Gửi phiếu phản ánh dư luận" in page and "Công tác dư luận của tôi" in page


def test_member_home_shows_nothing_of_this_app(client_for, accounts, units):
    page = client_for(accounts["member"]).get(reverse("home")).content.decode()
    assert "Mạng lưới dư luận xã hội" not in page and "Gửi phiếu" not in page


def test_menu_per_role(client_for, accounts):
    officer = client_for(accounts["officer"]).get(reverse("home")).content.decode()
    assert reverse("collaborators:list") in officer
    member = client_for(accounts["member"]).get(reverse("home")).content.decode()
    assert reverse("collaborators:list") not in member
    assert reverse("collaborators:report_list") not in member


def test_committee_home_query_count_is_flat(client_for, accounts, units):
    client = client_for(accounts["committee"])
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("home"))
    for _ in range(30):
        CollaboratorFactory(unit=units["KHTN"])
        OpinionReportFactory(unit=units["KHTN"], urgency="urgent")
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("home"))
    assert len(large) == len(small)


def test_seed_demo_fills_every_page_and_adds_nothing_twice(client_for, db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    counts = [m.objects.count() for m in (Collaborator, Training, Attendance, OpinionReport)]
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert [m.objects.count() for m in (Collaborator, Training, Attendance,
                                        OpinionReport)] == counts
    people, trainings, attendances, reports = counts
    assert 200 <= people <= 320 and trainings >= 5 and attendances > 100 and reports > 100
    from portal.models import Unit, User

    bk = Unit.objects.get(code="BK")
    assert 10 <= Collaborator.objects.filter(unit=bk).count() <= 20
    demo = User.objects.get(username="collaborator")
    assert demo.collaborator_profile.unit == bk
    assert OpinionReport.objects.filter(author=demo).exists()
    assert Attendance.objects.filter(collaborator__account=demo).exists()
    officer = client_for(User.objects.get(username="officer"))
    for name in ("list", "coverage", "training_list", "report_list", "hot_topics"):
        page = officer.get(reverse(f"collaborators:{name}"))
        assert page.status_code == 200, name
    coverage = officer.get(reverse("collaborators:coverage")).context["summary"]
    assert coverage.total.collaborators > 30
    board = officer.get(reverse("collaborators:hot_topics")).context["counts"]
    assert board.total.current > 5 and board.total.previous > 5
