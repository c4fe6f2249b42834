"""The evidence a practice cites from the surveys app: two of its unit's closed surveys,
each shown with its overall response rate (invitations answered per 100 sent), never a
breakdown; a survey still open, or another unit's, cannot be cited."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from directives.practices.models import Practice
from tests.practices.test_workflow import _form

pytestmark = pytest.mark.django_db


def _survey(unit, title, answered: int, *, close=True):
    from surveys.models import Invitation, Survey
    from tests.surveys.factories import SurveyFactory

    now = timezone.now()
    survey = SurveyFactory(owner_unit=unit, title=title, opens_at=now - timedelta(days=9))
    invitations = list(Invitation.objects.filter(survey=survey).order_by("pk"))
    Invitation.objects.filter(pk__in=[i.pk for i in invitations[:answered]]).update(used=True)
    if close:
        Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.CLOSED,
                                                   closes_at=now - timedelta(days=1))
    survey.refresh_from_db()
    return survey, len(invitations)


def test_response_rates_before_and_after(units, accounts, client_for):
    from portal.numbers import format_percent, percent

    before, invited = _survey(units["BK"], "Khảo sát đầu năm", 1)
    after, _ = _survey(units["BK"], "Khảo sát cuối năm", 2)
    assert invited >= 2
    client = client_for(accounts["officer"])
    response = client.post(reverse("practices:create"), _form(
        units["BK"], survey_before=before.pk, survey_after=after.pk))
    assert response.status_code == 302
    practice = Practice.objects.get()
    client.post(reverse("practices:publish", args=[practice.pk]))
    page = client_for(accounts["member"]).get(practice.get_absolute_url()).content.decode()
    assert "Tỷ lệ phản hồi trước" in page and "Tỷ lệ phản hồi sau" in page
    assert format_percent(percent(2, invited), 1) in page
    assert f"Khảo sát cuối năm: 2/{invited} người được mời" in page


def test_an_open_survey_or_another_units_cannot_be_cited(units, accounts, client_for):
    open_survey, _ = _survey(units["BK"], "Đang mở", 0, close=False)
    theirs, _ = _survey(units["KHTN"], "Của KHTN", 0)
    client = client_for(accounts["officer"])
    for survey in (open_survey, theirs):
        response = client.post(reverse("practices:create"),
                               _form(units["BK"], survey_after=survey.pk))
        assert response.status_code == 200
        assert "Hãy chọn một lựa chọn hợp lệ." in response.content.decode()
    assert not Practice.objects.exists()


def test_the_committee_cannot_cite_another_units_survey_either(units, accounts, client_for):
    theirs, _ = _survey(units["KHTN"], "Của KHTN", 0)
    response = client_for(accounts["committee"]).post(
        reverse("practices:create"), _form(units["BK"], survey_after=theirs.pk))
    assert "Anh/chị hãy chọn một cuộc khảo sát đã kết thúc của đơn vị." in \
        response.content.decode()
    assert not Practice.objects.exists()


def test_an_edit_keeps_the_search_column_and_tags_in_step(units, accounts, client_for):
    from tests.practices.factories import make_practice

    practice = make_practice(units["BK"], accounts["officer"], state="draft")
    client = client_for(accounts["officer"])
    form = client.get(reverse("practices:edit", args=[practice.pk])).context["form"]
    assert form["tags"].value() == "khảo sát"
    client.post(reverse("practices:edit", args=[practice.pk]),
                _form(units["BK"], title="Hộp thư góp ý điện tử", tags="góp ý"))
    practice.refresh_from_db()
    assert "hop thu gop y dien tu" in practice.search and "gop y" in practice.search
    assert [t.name for t in practice.tags.all()] == ["góp ý"]
