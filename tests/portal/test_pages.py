import pytest
from django.core.management import call_command
from django.urls import reverse

from portal.models import Unit, User

pytestmark = pytest.mark.django_db


def test_unknown_url_shows_the_vietnamese_404(client, db):
    response = client.get("/khong-ton-tai/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_forbidden_page_is_vietnamese(client_for, accounts):
    response = client_for(accounts["member"]).get(reverse("portal:audit_log"))
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()


@pytest.mark.parametrize("role,expected,absent", [
    ("committee", ["Toàn ĐHQG-HCM", "Lịch sử thay đổi"], []),
    ("officer", ["Đơn vị của tôi", "Công đoàn Trường Đại học Bách khoa"], ["Lịch sử thay đổi"]),
    ("member", ["Đơn vị của tôi"], ["Lịch sử thay đổi", "Toàn ĐHQG-HCM"]),
])
def test_home_page_per_role(client_for, accounts, role, expected, absent):
    page = client_for(accounts[role]).get(reverse("home")).content.decode()
    for text in expected:
        assert text in page, text
    for text in absent:
        assert text not in page, text


def test_home_lists_units_missing_a_member_count_as_a_task(client_for, accounts, units):
    assert "chưa có số đoàn viên" not in client_for(accounts["officer"]).get(
        reverse("home")).content.decode()
    Unit.objects.filter(code="BK-DDT").update(member_count=0)
    page = client_for(accounts["officer"]).get(reverse("home")).content.decode()
    assert "chưa có số đoàn viên" in page
    other = client_for(accounts["officer2"]).get(reverse("home")).content.decode()
    assert "chưa có số đoàn viên" not in other


def test_committee_sees_changes_in_the_history_and_officers_do_not(client_for, accounts, units):
    client = client_for(accounts["officer"])
    client.post(reverse("portal:unit_member_count", args=[units["BK-CK"].pk]),
                {"member_count": 140})
    assert client.get(reverse("portal:audit_log")).status_code == 403
    page = client_for(accounts["committee"]).get(reverse("portal:audit_log")).content.decode()
    assert "Công đoàn bộ phận Khoa Cơ khí" in page
    assert "120" in page and "140" in page and "Nguyễn Văn Phúc" in page


def test_seed_demo_is_idempotent_and_every_account_logs_in(client, db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    counts = (Unit.objects.count(), User.objects.count())
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert (Unit.objects.count(), User.objects.count()) == counts
    for username in ["committee", "officer", "officer2", "collaborator", "member", "admin"]:
        response = client.post(reverse("login"), {"username": username, "password": "demo12345"})
        assert response.status_code == 302, username
        client.post(reverse("logout"))


def test_history_page_queries_do_not_grow_with_the_changes(client_for, accounts, units):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(accounts["committee"])
    url = reverse("portal:audit_log")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for count in range(20):  # twenty more changes, each shown with what it changed
        unit = Unit.objects.get(code="BK-CK")
        unit.member_count = 200 + count
        unit.save()
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert "218" in page and "219" in page
    assert len(many) <= len(few) + 2
