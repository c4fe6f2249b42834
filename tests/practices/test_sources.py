"""A practice proposed from an inspection finding: the writing page is pre-filled from
`?inspection=<id>` when the person may see that inspection, and the practice keeps the
link; an inspection they may not see pre-fills nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from directives.practices.models import Practice
from tests.practices.test_workflow import _form

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection(units, accounts):
    from directives.inspections.models import Inspection, InspectionProgramme

    today = timezone.localdate()
    programme = InspectionProgramme.objects.create(unit=units["CDDHQG"], year=today.year,
                                                   title="Chương trình kiểm tra")
    return Inspection.objects.create(
        programme=programme, unit=units["BK"], purpose="Kiểm tra công tác dư luận",
        content="Mạng lưới cộng tác viên", starts_on=today - timedelta(days=20),
        ends_on=today - timedelta(days=10), head=accounts["committee"], status="concluded",
        notice_sent_on=today - timedelta(days=30), rating="good", concluded_on=today,
        conclusion="Đơn vị có cách làm hay: khảo sát nhanh bằng mã QR.")


def test_proposed_from_an_inspection(units, accounts, client_for, inspection):
    client = client_for(accounts["officer"])
    url = reverse("practices:create") + f"?inspection={inspection.pk}"
    page = client.get(url)
    assert page.context["form"].initial["body"] == inspection.conclusion
    assert "Đề xuất từ cuộc kiểm tra tại" in page.content.decode()
    client.post(url, _form(units["BK"]))
    assert Practice.objects.get().inspection == inspection


def test_an_inspection_the_person_may_not_see_prefills_nothing(units, accounts, client_for,
                                                               inspection):
    client = client_for(accounts["officer2"])
    url = reverse("practices:create") + f"?inspection={inspection.pk}"
    page = client.get(url)
    assert "body" not in page.context["form"].initial
    client.post(url, _form(units["KHTN"]))
    assert Practice.objects.get().inspection is None


def test_proposed_from_a_review(units, accounts, client_for):
    from directives.inspections.models import Review
    from directives.models import Directive

    today = timezone.localdate()
    directive = Directive.objects.create(
        unit=units["CDDHQG"], number="360/CĐ-ĐHQG", issued_on=today - timedelta(days=200),
        issuer="Ban Thường vụ", subject="Công tác dư luận xã hội", status="published",
        published_at=timezone.now())
    review = Review.objects.create(
        directive=directive, unit=units["CDDHQG"], kind="six_month",
        title="Sơ kết 6 tháng đầu năm", period_start=today - timedelta(days=180),
        period_end=today - timedelta(days=1), due_on=today + timedelta(days=10))
    client = client_for(accounts["officer"])
    url = reverse("practices:create") + f"?review={review.pk}"
    assert "Sơ kết 6 tháng đầu năm" in client.get(url).content.decode()
    client.post(url, _form(units["BK"]))
    practice = Practice.objects.get()
    assert practice.review == review
    page = client_for(accounts["member"]).get(practice.get_absolute_url())
    assert page.status_code == 404  # a draft: the unit's own
    client_for(accounts["officer"]).post(reverse("practices:publish", args=[practice.pk]))
    page = client_for(accounts["officer2"]).get(practice.get_absolute_url()).content.decode()
    assert "Phát hiện qua" in page
