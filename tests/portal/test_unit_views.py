import pytest
from django.urls import reverse

from portal.models import Unit

pytestmark = pytest.mark.django_db


def test_officer_unit_list_shows_own_tree_only(client_for, accounts, units):
    page = client_for(accounts["officer"]).get(reverse("portal:unit_list")).content.decode()
    assert "Công đoàn Trường Đại học Bách khoa" in page
    assert "Tổ công đoàn Bộ môn Hệ thống và Mạng" in page
    assert "Khoa học Tự nhiên" not in page


def test_unit_list_is_a_tree_each_unit_under_its_parent(client_for, accounts, units):
    response = client_for(accounts["committee"]).get(reverse("portal:unit_list"))
    codes = [unit.code for unit in response.context["units"]]
    assert codes.index("BK-CK") == codes.index("BK") + 1
    assert codes.index("BK-KHMT-T1") == codes.index("BK-KHMT") + 1
    assert codes.index("KHTN") > codes.index("BK-DDT")


@pytest.mark.parametrize("role", ["member", "collaborator"])
def test_members_cannot_open_the_unit_list(client_for, accounts, role):
    assert client_for(accounts[role]).get(reverse("portal:unit_list")).status_code == 403


def test_another_units_page_is_not_found_for_an_officer(client_for, accounts, units):
    client = client_for(accounts["officer"])
    assert client.get(reverse("portal:unit_detail", args=[units["KHTN"].pk])).status_code == 404
    url = reverse("portal:unit_member_count", args=[units["KHTN"].pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"member_count": 1}).status_code == 404
    assert Unit.objects.get(code="KHTN").member_count == 800


def test_officer_updates_a_member_count_and_it_is_kept_in_history(client_for, accounts, units):
    client = client_for(accounts["officer"])
    url = reverse("portal:unit_member_count", args=[units["BK-CK"].pk])
    response = client.post(url, {"member_count": 135}, follow=True)
    assert "Đã lưu số đoàn viên" in response.content.decode()
    unit = Unit.objects.get(code="BK-CK")
    assert unit.member_count == 135
    assert unit.history.first().history_user == accounts["officer"]


@pytest.mark.parametrize("value", ["-3", "abc", "", "250000"])
def test_bad_member_count_is_refused_with_a_vietnamese_message(client_for, accounts, units,
                                                               value):
    client = client_for(accounts["officer"])
    url = reverse("portal:unit_member_count", args=[units["BK-CK"].pk])
    response = client.post(url, {"member_count": value})
    assert response.status_code == 200
    errors = " ".join(str(e) for e in response.context["form"].errors["member_count"])
    assert any(word in errors for word in ("Đảm bảo", "Nhập", "bắt buộc", "không thể"))
    assert Unit.objects.get(code="BK-CK").member_count == 120


def test_member_cannot_change_their_unit(client_for, accounts, units):
    url = reverse("portal:unit_member_count", args=[units["BK"].pk])
    assert client_for(accounts["member"]).post(url, {"member_count": 1}).status_code == 404
    assert Unit.objects.get(code="BK").member_count == 900
