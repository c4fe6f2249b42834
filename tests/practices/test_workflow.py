"""A practice written up by one unit is published, endorsed by the committee and adopted by
another unit; the page shows it all."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from directives.practices.models import Adoption, Attachment, Practice, Tag
from directives.practices.services import adoption_record, practice_endorse
from tests.practices.factories import BODY

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def _form(unit, **changes) -> dict:
    return {"unit": unit.pk, "title": "Cà phê sáng thứ Sáu", "area": "dialogue",
            "summary": "Gặp gỡ viên chức trẻ mỗi tháng.", "body": BODY,
            "figures": "Kiến nghị giải quyết đúng hạn: 12/20 → 19/20",
            "tags": "Đối thoại, viên chức trẻ, đối thoại", **changes}


def test_written_up_published_endorsed_adopted(units, accounts, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    bk, khtn = units["BK"], units["KHTN"]
    client = client_for(accounts["officer"])
    response = client.post(reverse("practices:create"), {
        **_form(bk), "attachment": SimpleUploadedFile("ke-hoach.pdf", PDF)})
    practice = Practice.objects.get()
    assert response.status_code == 302 and response["Location"] == practice.get_absolute_url()
    assert practice.status == "draft" and practice.created_by == accounts["officer"]
    assert sorted(t.name for t in practice.tags.all()) == ["viên chức trẻ", "Đối thoại"]
    assert "ca phe sang thu sau" in practice.search and "vien chuc tre" in practice.search
    assert practice.attachments.get().name == "ke-hoach.pdf"

    # A draft is the unit's own: another unit's officer does not find it.
    other = client_for(accounts["officer2"])
    assert other.get(practice.get_absolute_url()).status_code == 404
    client = client_for(accounts["officer"])
    client.post(reverse("practices:publish", args=[practice.pk]))
    practice.refresh_from_db()
    assert practice.is_published and practice.published_at

    committee = client_for(accounts["committee"])
    assert committee.post(reverse("practices:endorse", args=[practice.pk]),
                          {"note": ""}).status_code == 400
    committee.post(reverse("practices:endorse", args=[practice.pk]),
                   {"note": "Đề nghị các đơn vị nhân rộng."})
    practice.refresh_from_db()
    assert practice.is_endorsed and practice.endorsed_by == accounts["committee"]

    other = client_for(accounts["officer2"])
    page = other.get(practice.get_absolute_url())
    assert "Ghi nhận đơn vị đã áp dụng" in page.content.decode()
    day = timezone.localdate() - timedelta(days=3)
    response = other.post(reverse("practices:adopt", args=[practice.pk]), {
        "unit": khtn.pk, "adopted_on": day.strftime("%d/%m/%Y"),
        "outcome": "Tổ chức 2 buổi, viên chức trẻ hưởng ứng.", "rating": "4"})
    assert response.status_code == 302
    adoption = Adoption.objects.get()
    assert (adoption.unit, adoption.rating, adoption.adopted_on) == (khtn, 4, day)
    page = other.get(practice.get_absolute_url()).content.decode()
    assert khtn.name in page and "Tổ chức 2 buổi" in page
    assert "Đã được Ban Thường vụ công nhận" in page or "công nhận" in page

    download = other.get(reverse("practices:attachment",
                                 args=[practice.attachments.get().pk]))
    assert download.status_code == 200 and download["Cache-Control"] == "private, no-store"


def test_tags_are_reused_whatever_the_accents(units, accounts, client_for):
    client = client_for(accounts["officer"])
    client.post(reverse("practices:create"), _form(units["BK"], tags="Khảo sát"))
    client.post(reverse("practices:create"), _form(units["BK"], title="Khác", tags="khao sat"))
    assert Tag.objects.count() == 1 and Practice.objects.count() == 2


def test_only_the_committee_endorses(units, accounts):
    from tests.practices.factories import make_practice

    practice = make_practice(units["BK"], accounts["officer"])
    with pytest.raises(PermissionDenied):
        practice_endorse(practice=practice, note="Tốt", by=accounts["officer"])
    practice.refresh_from_db()
    assert not practice.is_endorsed


def test_a_draft_cannot_be_endorsed_nor_adopted(units, accounts):
    from tests.practices.factories import make_practice

    practice = make_practice(units["BK"], accounts["officer"], state="draft")
    with pytest.raises(ValidationError):
        practice_endorse(practice=practice, note="Tốt", by=accounts["committee"])
    with pytest.raises(ValidationError):
        adoption_record(practice=practice, unit=units["KHTN"], adopted_on=timezone.localdate(),
                        outcome="Tốt", rating=5, by=accounts["committee"])
    assert not Adoption.objects.exists()


def test_an_officer_may_not_endorse_through_the_page(units, accounts, client_for):
    from tests.practices.factories import make_practice

    practice = make_practice(units["BK"], accounts["officer"])
    response = client_for(accounts["officer"]).post(
        reverse("practices:endorse", args=[practice.pk]), {"note": "Tự công nhận"})
    assert response.status_code == 403
    practice.refresh_from_db()
    assert not practice.is_endorsed


def test_attachment_removed_by_its_unit(units, accounts, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(accounts["officer"])
    client.post(reverse("practices:create"), {
        **_form(units["BK"]), "attachment": SimpleUploadedFile("a.pdf", PDF)})
    item = Attachment.objects.get()
    client.post(reverse("practices:attachment_delete", args=[item.pk]))
    assert not Attachment.objects.exists()
