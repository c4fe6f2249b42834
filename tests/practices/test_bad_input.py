"""Bad input: clear Vietnamese messages, nothing stored."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from directives.practices.models import Adoption, Attachment, Practice
from tests.practices.factories import BODY, make_practice

pytestmark = pytest.mark.django_db


def _form(unit, **changes) -> dict:
    return {"unit": unit.pk, "title": "Bản tin song ngữ", "area": "briefings",
            "summary": "Bản tin hằng tuần.", "body": BODY, "tags": "", **changes}


def _post(client, url, data):
    response = client.post(url, data)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(("changes", "message"), [
    ({"title": "   "}, "Anh/chị hãy đặt tên cho cách làm."),
    ({"body": ""}, "Anh/chị hãy mô tả cách làm."),
    ({"summary": ""}, "Anh/chị hãy tóm tắt cách làm"),
    ({"area": ""}, "Anh/chị hãy chọn lĩnh vực nhiệm vụ"),
    ({"tags": ", ".join(f"thẻ {n}" for n in range(9))}, "Tối đa 8 thẻ."),
])
def test_an_incomplete_practice_is_refused(units, accounts, client_for, changes, message):
    page = _post(client_for(accounts["officer"]), reverse("practices:create"),
                 _form(units["BK"], **changes))
    assert message in page
    assert not Practice.objects.exists()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("virus.exe", b"MZ\x90\x00", "Không nhận loại tệp này"),
    ("gia-mao.pdf", b"MZ\x90\x00 not a pdf", "không phải PDF"),
])
def test_a_wrong_attachment_is_refused(units, accounts, client_for, name, content, message):
    page = _post(client_for(accounts["officer"]), reverse("practices:create"),
                 {**_form(units["BK"]), "attachment": SimpleUploadedFile(name, content)})
    assert message in page
    assert not Practice.objects.exists() and not Attachment.objects.exists()


def test_an_oversized_attachment_is_refused(units, accounts, client_for, settings):
    settings.PORTAL_UPLOAD_MAX_MB = 1
    big = SimpleUploadedFile("lon.pdf", b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10))
    page = _post(client_for(accounts["officer"]), reverse("practices:create"),
                 {**_form(units["BK"]), "attachment": big})
    assert "Tệp lớn hơn 1 MB." in page
    assert not Practice.objects.exists()


def test_an_officer_may_not_edit_another_units_practice(units, accounts, client_for):
    practice = make_practice(units["KHTN"], accounts["officer2"], state="published")
    client = client_for(accounts["officer"])
    url = reverse("practices:edit", args=[practice.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, _form(units["BK"], title="Đổi tên")).status_code == 404
    practice.refresh_from_db()
    assert practice.title != "Đổi tên"


def test_an_officer_may_not_move_a_practice_to_another_unit(units, accounts, client_for):
    practice = make_practice(units["BK"], accounts["officer"], state="draft")
    page = _post(client_for(accounts["officer"]), reverse("practices:edit", args=[practice.pk]),
                 _form(units["KHTN"]))
    assert "Hãy chọn một lựa chọn hợp lệ." in page
    practice.refresh_from_db()
    assert practice.unit == units["BK"]


def _adopt(client, practice, unit, **changes):
    day = timezone.localdate() - timedelta(days=1)
    return client.post(reverse("practices:adopt", args=[practice.pk]), {
        "unit": unit.pk, "adopted_on": day.strftime("%d/%m/%Y"), "outcome": "Hiệu quả.",
        "rating": "5", **changes})


def test_a_unit_does_not_adopt_its_own_practice(units, accounts, client_for):
    practice = make_practice(units["BK"], accounts["officer"])
    response = _adopt(client_for(accounts["officer"]), practice, units["BK"])
    assert "Đơn vị không ghi nhận áp dụng cách làm của chính mình." in response.content.decode()
    assert not Adoption.objects.exists()


def test_a_unit_adopts_once(units, accounts, client_for):
    practice = make_practice(units["BK"], accounts["officer"])
    client = client_for(accounts["officer2"])
    assert _adopt(client, practice, units["KHTN"]).status_code == 302
    response = _adopt(client, practice, units["KHTN"], outcome="Lần hai")
    assert "Đơn vị này đã ghi nhận áp dụng cách làm này." in response.content.decode()
    assert Adoption.objects.count() == 1


@pytest.mark.parametrize(("changes", "message"), [
    ({"rating": "9"}, "Anh/chị hãy chấm từ 1 đến 5."),
    ({"rating": ""}, "Anh/chị hãy chấm từ 1 đến 5."),
    ({"outcome": "  "}, "Anh/chị hãy cho biết kết quả áp dụng."),
    ({"adopted_on": "31/02/2026"}, "Ngày ghi theo dạng dd/mm/yyyy."),
])
def test_a_bad_adoption_is_refused(units, accounts, client_for, changes, message):
    practice = make_practice(units["BK"], accounts["officer"])
    response = _adopt(client_for(accounts["officer2"]), practice, units["KHTN"], **changes)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Adoption.objects.exists()


def test_an_adoption_in_the_future_is_refused(units, accounts, client_for):
    practice = make_practice(units["BK"], accounts["officer"])
    later = (timezone.localdate() + timedelta(days=5)).strftime("%d/%m/%Y")
    response = _adopt(client_for(accounts["officer2"]), practice, units["KHTN"],
                      adopted_on=later)
    assert "Ngày này ở tương lai." in response.content.decode()
    assert not Adoption.objects.exists()


def test_the_same_survey_twice_is_refused(units, accounts, client_for):
    from tests.surveys.factories import SurveyFactory

    now = timezone.now()
    survey = SurveyFactory(owner_unit=units["BK"], status="closed",
                           opens_at=now - timedelta(days=9), closes_at=now - timedelta(days=2))
    page = _post(client_for(accounts["officer"]), reverse("practices:create"),
                 _form(units["BK"], survey_before=survey.pk, survey_after=survey.pk))
    assert "Anh/chị hãy chọn hai cuộc khảo sát khác nhau." in page
    assert not Practice.objects.exists()
