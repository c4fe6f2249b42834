"""Who a bulletin reaches: units with their sub-units, roles, staff groups; guidance never to
members; nothing before its publication time; another unit's bulletin is a 404."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from directives.bulletins.models import Bulletin, BulletinRead
from directives.bulletins.selectors import reading_list
from portal.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def titles(user):
    return {b.title for b in reading_list(user)}


def test_units_with_sub_units_roles_and_staff_groups(units, accounts, publish):
    deep = UserFactory(unit=units["BK-KHMT-T1"], staff_group=User.StaffGroup.LECTURER)
    khtn = UserFactory(unit=units["KHTN"])
    publish(title="Cho cả Bách khoa")
    publish(title="Chỉ giảng viên", staff_groups=["lecturer"])
    publish(title="Chỉ khoa Máy tính", audience_units=[units["BK-KHMT"]])
    publish(title="Chỉ cán bộ công đoàn", roles=["officer"])
    member = accounts["member"]  # BK, administrative staff
    assert titles(member) == {"Cho cả Bách khoa"}
    assert titles(deep) == {"Cho cả Bách khoa", "Chỉ giảng viên", "Chỉ khoa Máy tính"}
    assert titles(khtn) == set()
    assert "Chỉ cán bộ công đoàn" in titles(accounts["officer"])


def test_guidance_reaches_collaborators_and_officers_never_members(accounts, publish):
    publish(title="Gợi ý trao đổi", kind=Bulletin.Kind.GUIDANCE)
    assert titles(accounts["collaborator"]) == {"Gợi ý trao đổi"}
    assert titles(accounts["member"]) == set()
    with pytest.raises(ValidationError) as error:
        publish(title="Gợi ý cho đoàn viên", kind=Bulletin.Kind.GUIDANCE, roles=["member"])
    assert "không" in str(error.value)
    assert not Bulletin.objects.filter(title="Gợi ý cho đoàn viên").exists()


def test_a_scheduled_bulletin_is_not_shown_before_its_time(accounts, publish, client_for):
    later = publish(title="Sắp công bố", publish_at=timezone.now() + timedelta(hours=2))
    assert titles(accounts["member"]) == set()
    assert client_for(accounts["member"]).get(later.get_absolute_url()).status_code == 404


def test_an_officer_may_not_address_another_unit(units, accounts, publish):
    before = Bulletin.objects.count()
    with pytest.raises(ValidationError) as error:
        publish(audience_units=[units["BK"], units["KHTN"]])
    assert "Công đoàn Trường Đại học Khoa học Tự nhiên" in str(error.value)
    with pytest.raises(PermissionDenied):
        publish(by=accounts["officer2"], unit=units["BK"])
    assert Bulletin.objects.count() == before


def test_the_form_refuses_another_unit_and_an_expiry_before_publication(
        units, accounts, client_for):
    client = client_for(accounts["officer"])
    now = timezone.localtime()
    body = {"unit": units["BK"].pk, "title": "Tin", "kind": "official", "urgency": "normal",
            "body": "Nội dung", "publish_at": now.strftime("%Y-%m-%dT%H:%M"),
            "audience_units": [units["KHTN"].pk]}
    response = client.post(reverse("bulletins:new"), body)
    assert response.status_code == 200 and "Anh/chị chỉ được gửi cho đơn vị mình" in response.text
    body["audience_units"] = [units["BK"].pk]
    body["expires_at"] = (now - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(reverse("bulletins:new"), body)
    assert "Thời điểm hết hiệu lực phải sau thời điểm công bố." in response.text
    assert not Bulletin.objects.exists()
    del body["expires_at"]
    response = client.post(reverse("bulletins:new"), body)
    assert response.status_code == 302 and Bulletin.objects.get().title == "Tin"


def test_the_service_refuses_an_expiry_before_publication(publish):
    now = timezone.now()
    with pytest.raises(ValidationError) as error:
        publish(publish_at=now, expires_at=now - timedelta(hours=1))
    assert "Thời điểm hết hiệu lực phải sau thời điểm công bố." in error.value.messages
    assert not Bulletin.objects.exists()


def test_script_and_remote_content_are_stripped(accounts, publish, client_for):
    bulletin = publish(body="Đọc kỹ <script>alert(1)</script><img src=http://x.test/a.png> "
                            "[đây](javascript:alert(2)) <iframe src=http://x.test></iframe>")
    page = client_for(accounts["member"]).get(bulletin.get_absolute_url()).text
    assert "Đọc kỹ" in page
    for bad in ("alert(1)", "x.test", "javascript:", "<iframe"):
        assert bad not in page
    assert "<script>alert" in Bulletin.objects.get().body  # stored as written


def test_opening_marks_read_once(accounts, publish, client_for):
    bulletin = publish()
    client = client_for(accounts["member"])
    for _ in range(3):
        assert client.get(bulletin.get_absolute_url()).status_code == 200
    assert BulletinRead.objects.filter(bulletin=bulletin).count() == 1
    first, *_ = reading_list(accounts["member"])
    assert first.is_read


def test_unread_first_then_pinned_and_newest(accounts, publish):
    old = publish(title="Cũ", publish_at=timezone.now() - timedelta(days=3))
    publish(title="Mới", publish_at=timezone.now() - timedelta(days=1))
    publish(title="Ghim", pinned=True, publish_at=timezone.now() - timedelta(days=2))
    BulletinRead.objects.create(bulletin=old, user=accounts["member"])
    assert [b.title for b in reading_list(accounts["member"])] == ["Ghim", "Mới", "Cũ"]


def test_another_units_bulletin_is_a_404(accounts, publish, client_for):
    bulletin = publish()
    for name in ("detail", "reach", "edit"):
        response = client_for(accounts["officer2"]).get(
            reverse(f"bulletins:{name}", args=[bulletin.pk]))
        assert response.status_code == 404


def test_home_page_panel_and_phone_list(accounts, publish, client_for):
    publish(title="Đính chính tin đồn về thu nhập")
    client = client_for(accounts["member"])
    assert "Đính chính tin đồn về thu nhập" in client.get(reverse("home")).text
    page = client.get(reverse("bulletins:list")).text
    assert "Đính chính tin đồn về thu nhập" in page and "Chưa đọc" in page


def test_an_attachment_is_checked_and_served_to_the_audience_only(
        units, accounts, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(accounts["officer"])
    body = {"unit": units["BK"].pk, "title": "Công văn", "kind": "official",
            "urgency": "normal", "body": "Xem tệp.", "publish_at": "01/01/2026 08:00",
            "audience_units": [units["BK"].pk]}
    fake = SimpleUploadedFile("cong-van.pdf", b"MZ not a pdf")
    response = client.post(reverse("bulletins:new"), {**body, "attachment": fake})
    assert "không phải" in response.text and not Bulletin.objects.exists()
    pdf = SimpleUploadedFile("cong-van.pdf", b"%PDF-1.4\n%%EOF\n")
    assert client.post(reverse("bulletins:new"), {**body, "attachment": pdf}).status_code == 302
    attachment = Bulletin.objects.get().attachments.get()
    address = reverse("bulletins:attachment", args=[attachment.pk])
    assert client_for(accounts["member"]).get(address).status_code == 200
    assert client_for(accounts["officer2"]).get(address).status_code == 404


def test_the_demo_seed_is_idempotent_and_has_every_kind(units, accounts):
    from io import StringIO

    from directives.bulletins.models import BulletinQuestion
    from directives.bulletins.seed import seed

    seed(stdout=StringIO())
    counts = (Bulletin.objects.count(), BulletinRead.objects.count(),
              BulletinQuestion.objects.count())
    seed(stdout=StringIO())
    assert (Bulletin.objects.count(), BulletinRead.objects.count(),
            BulletinQuestion.objects.count()) == counts
    assert set(Bulletin.objects.values_list("kind", flat=True)) == set(Bulletin.Kind.values)
    assert Bulletin.objects.filter(urgency="urgent").count() == 1
    assert BulletinQuestion.objects.exclude(answer="").exists()
