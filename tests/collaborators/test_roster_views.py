import pytest
from django.urls import reverse
from django.utils import timezone

from collaborators.models import Collaborator
from tests.factories import UnitFactory

from .factories import CollaboratorFactory, TrainingFactory, attend

pytestmark = pytest.mark.django_db

LIST = reverse("collaborators:list")


def names(response):
    return [p.full_name for p in response.context["people"]]


def test_officer_sees_their_subtree_only(client_for, accounts, units):
    CollaboratorFactory(unit=units["BK"], full_name="Người Bách Khoa")
    CollaboratorFactory(unit=units["BK-KHMT-T1"], full_name="Người Tổ Mạng")
    CollaboratorFactory(unit=units["KHTN"], full_name="Người Tự Nhiên")
    response = client_for(accounts["officer"]).get(LIST)
    assert set(names(response)) == {"Người Bách Khoa", "Người Tổ Mạng"}
    assert "Người Tự Nhiên" not in response.content.decode()


def test_committee_sees_every_unit(client_for, accounts, units):
    CollaboratorFactory(unit=units["BK"])
    CollaboratorFactory(unit=units["KHTN"])
    assert len(names(client_for(accounts["committee"]).get(LIST))) == 2


@pytest.mark.parametrize("role", ["collaborator", "member"])
def test_collaborators_and_members_cannot_open_the_roster(client_for, accounts, role):
    assert client_for(accounts[role]).get(LIST).status_code == 403


def test_search_ignores_diacritics_and_case(client_for, accounts, units):
    CollaboratorFactory(unit=units["BK"], full_name="Nguyễn Văn Phúc")
    CollaboratorFactory(unit=units["BK"], full_name="Nguyễn Thị Lan")
    CollaboratorFactory(unit=units["BK"], full_name="Đặng Văn Đức", phone="0987654321")
    client = client_for(accounts["officer"])
    assert names(client.get(LIST, {"q": "nguyen van"})) == ["Nguyễn Văn Phúc"]
    assert names(client.get(LIST, {"q": "NGUYỄN"})) == ["Nguyễn Thị Lan", "Nguyễn Văn Phúc"]
    assert names(client.get(LIST, {"q": "dang van duc"})) == ["Đặng Văn Đức"]
    assert names(client.get(LIST, {"q": "0987 654"})) == ["Đặng Văn Đức"]


def test_filters_by_unit_group_status_and_training(client_for, accounts, units):
    today = timezone.localdate()
    trained = CollaboratorFactory(unit=units["BK-CK"], full_name="Lê Đã Học",
                                  group=Collaborator.Group.YOUNG)
    old = CollaboratorFactory(unit=units["BK"], full_name="Lê Học Lâu")
    CollaboratorFactory(unit=units["BK"], full_name="Lê Tạm Nghỉ",
                        status=Collaborator.Status.PAUSED)
    attend(TrainingFactory(organiser=units["BK"], held_on=today.replace(day=1)), trained)
    attend(TrainingFactory(organiser=units["BK"], held_on=today.replace(year=today.year - 2)),
           old)
    client = client_for(accounts["officer"])
    assert names(client.get(LIST, {"don-vi": units["BK-CK"].pk})) == ["Lê Đã Học"]
    assert names(client.get(LIST, {"group": "young"})) == ["Lê Đã Học"]
    assert names(client.get(LIST, {"status": "paused"})) == ["Lê Tạm Nghỉ"]
    assert names(client.get(LIST, {"trained": "yes"})) == ["Lê Đã Học"]
    assert set(names(client.get(LIST, {"trained": "no"}))) == {"Lê Học Lâu", "Lê Tạm Nghỉ"}


def test_another_units_filter_shows_nothing_of_it(client_for, accounts, units):
    CollaboratorFactory(unit=units["KHTN"])
    response = client_for(accounts["officer"]).get(LIST, {"don-vi": units["KHTN"].pk})
    assert names(response) == [] or all(
        p.unit.path.startswith(units["BK"].path) for p in response.context["people"])


def test_list_is_paginated_in_name_order(client_for, accounts, units):
    for i in range(30):
        CollaboratorFactory(unit=units["BK"], full_name=f"Nguyễn Văn {chr(65 + i % 26)}{i}")
    client = client_for(accounts["officer"])
    first, second = client.get(LIST), client.get(LIST, {"page": 2})
    assert len(names(first)) == 25 and len(names(second)) == 5
    assert names(first) + names(second) == list(
        Collaborator.objects.values_list("full_name", flat=True))
    assert "Trang 1/2" in first.content.decode() and "Trang 2/2" in second.content.decode()


def test_htmx_filtering_returns_only_the_results(client_for, accounts, units):
    CollaboratorFactory(unit=units["BK"], full_name="Nguyễn Văn Phúc")
    response = client_for(accounts["officer"]).get(
        LIST, {"q": "phuc"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="roster-results")
    page = response.content.decode()
    assert "Nguyễn Văn Phúc" in page and "<html" not in page


def test_roster_query_count_does_not_grow_with_the_roster(client_for, accounts, units,
                                                          django_assert_num_queries):
    client = client_for(accounts["officer"])
    training = TrainingFactory(organiser=units["BK"])
    for _ in range(5):
        attend(training, CollaboratorFactory(unit=units["BK"]))
    client.get(LIST)  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(LIST, {"trained": "yes"})
    for i in range(60):
        attend(training, CollaboratorFactory(unit=units["BK-CK" if i % 2 else "BK"]))
    with django_assert_num_queries(len(small)):
        client.get(LIST, {"trained": "yes"})


# --- detail, create, edit, end ----------------------------------------------------------


def test_detail_shows_the_training_history(client_for, accounts, units):
    person = CollaboratorFactory(unit=units["BK"], full_name="Nguyễn Văn Phúc")
    attend(TrainingFactory(organiser=units["CDDHQG"], title="Kỹ năng phản bác tin xấu",
                           hours=4), person)
    attend(TrainingFactory(organiser=units["BK"], title="Viết phiếu phản ánh", hours=3), person)
    page = client_for(accounts["officer"]).get(person.get_absolute_url()).content.decode()
    assert "Kỹ năng phản bác tin xấu" in page and "Viết phiếu phản ánh" in page
    assert "tổng cộng 7 giờ" in page


def test_another_units_collaborator_is_not_found(client_for, accounts, units):
    other = CollaboratorFactory(unit=units["KHTN"])
    client = client_for(accounts["officer"])
    for name in ("detail", "edit", "end", "decision"):
        assert client.get(reverse(f"collaborators:{name}", args=[other.pk])).status_code == 404
    response = client.post(reverse("collaborators:edit", args=[other.pk]),
                           {"full_name": "Bị Sửa Trộm", "unit": units["BK"].pk})
    assert response.status_code == 404
    assert Collaborator.objects.get(pk=other.pk).full_name != "Bị Sửa Trộm"


def test_a_collaborator_sees_their_own_record_only(client_for, accounts, units):
    mine = CollaboratorFactory(unit=units["BK"], account=accounts["collaborator"])
    theirs = CollaboratorFactory(unit=units["BK"])
    client = client_for(accounts["collaborator"])
    assert client.get(mine.get_absolute_url()).status_code == 200
    assert client.get(theirs.get_absolute_url()).status_code == 404


def form_data(unit, **changes):
    data = {"unit": unit.pk, "full_name": "  Hoàng   Thị Mai ", "network_role": "reporter",
            "gender": "female", "birth_year": "1988", "position": "Giảng viên",
            "group": "lecturer", "phone": "+84 903.123.456", "email": " Mai.HT@HCMUT.edu.vn ",
            "account": "", "decision_number": "12/QĐ-CĐBK", "decision_date": "2025-03-01",
            "joined_on": "2025-03-01", "status": "active", "status_since": "2025-03-01",
            "notes": ""}
    data.update(changes)
    return data


def test_officer_adds_a_collaborator_with_clean_values(client_for, accounts, units):
    client = client_for(accounts["officer"])
    response = client.post(reverse("collaborators:create"), form_data(units["BK-CK"]),
                           follow=True)
    person = Collaborator.objects.get()
    assert person.full_name == "Hoàng Thị Mai" and person.phone == "0903123456"
    assert person.email == "mai.ht@hcmut.edu.vn" and person.unit == units["BK-CK"]
    assert "Đã thêm Hoàng Thị Mai vào danh sách." in response.content.decode()
    assert person.history.first().history_user == accounts["officer"]


@pytest.mark.parametrize("field,value,message", [
    ("full_name", "", "bắt buộc"),
    ("full_name", "Mai", "Ghi đầy đủ họ, tên đệm và tên."),
    ("phone", "0903 12", "10 hoặc 11 chữ số"),
    ("email", "mai@", "email"),
    ("birth_year", "1890", "Năm sinh phải từ 1930 đến 2015."),
    ("birth_year", "tám lăm", "bốn chữ số"),
    ("decision_date", "2099-01-01", "Ngày này ở tương lai."),
    ("network_role", "boss", "lựa chọn hợp lệ"),
])
def test_bad_input_is_refused_with_a_vietnamese_message(client_for, accounts, units, field,
                                                        value, message):
    response = client_for(accounts["officer"]).post(
        reverse("collaborators:create"), form_data(units["BK"], **{field: value}))
    assert response.status_code == 200
    errors = " ".join(str(e) for e in response.context["form"].errors[field])
    assert message in errors, errors
    assert not Collaborator.objects.exists()


def test_officer_cannot_add_into_another_unit(client_for, accounts, units):
    response = client_for(accounts["officer"]).post(reverse("collaborators:create"),
                                                    form_data(units["KHTN"]))
    assert "unit" in response.context["form"].errors
    assert not Collaborator.objects.exists()


def test_duplicate_phone_is_refused(client_for, accounts, units):
    CollaboratorFactory(unit=units["KHTN"], phone="0903123456")
    response = client_for(accounts["officer"]).post(reverse("collaborators:create"),
                                                    form_data(units["BK"]))
    assert "Số điện thoại này đã thuộc về một cộng tác viên khác." in response.content.decode()
    assert Collaborator.objects.count() == 1


def test_edit_then_end_keeps_the_record_and_its_history(client_for, accounts, units):
    person = CollaboratorFactory(unit=units["BK"], full_name="Hoàng Thị Mai")
    client = client_for(accounts["officer"])
    client.post(reverse("collaborators:edit", args=[person.pk]),
                form_data(units["BK"], status="paused", status_since=str(person.status_since)))
    person.refresh_from_db()
    assert person.status == "paused" and person.status_since == timezone.localdate()
    response = client.post(reverse("collaborators:end", args=[person.pk]),
                           {"on": str(timezone.localdate()), "reason": "Nghỉ hưu"}, follow=True)
    person.refresh_from_db()
    assert person.status == "ended" and person.end_reason == "Nghỉ hưu"
    page = response.content.decode()
    assert "đã thôi tham gia mạng lưới" in page
    assert "Nghỉ hưu" in page and "Tạm dừng" in page  # the history shows the steps


def test_ending_needs_a_reason(client_for, accounts, units):
    person = CollaboratorFactory(unit=units["BK"])
    response = client_for(accounts["officer"]).post(
        reverse("collaborators:end", args=[person.pk]), {"on": "", "reason": " "})
    assert set(response.context["form"].errors) == {"on", "reason"}
    person.refresh_from_db()
    assert person.status == "active"


def test_an_officer_of_a_group_manages_only_the_group(client, units):
    from tests.factories import UserFactory

    officer = UserFactory(unit=units["BK-KHMT-T1"], role="officer")
    person = CollaboratorFactory(unit=units["BK-KHMT"])
    client.force_login(officer, backend="portal.auth_backends.EmailOrUsernameBackend")
    assert client.get(reverse("collaborators:edit", args=[person.pk])).status_code == 404
    UnitFactory()  # unrelated unit, still invisible
    assert client.get(LIST).context["page_obj"].paginator.count == 0
