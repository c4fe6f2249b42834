"""Six-month reviews: every unit assesses itself against every task, the organiser rates each
unit and proposes commendations, and the periodic report carries the result."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from directives.inspections import services as s
from directives.inspections.models import ReviewAssessment, ReviewRating
from portal.contributions import Frame
from portal.documents import Paragraph, Table
from portal.periods import Period


@pytest.fixture
def review(directive, units, accounts):
    return s.review_create(directive=directive, unit=units["CDDHQG"], kind="six_month",
                           title="Sơ kết 6 tháng đầu năm 2026", period_start=date(2026, 1, 1),
                           period_end=date(2026, 6, 30), due_on=date(2026, 7, 15),
                           by=accounts["committee"])


def _body(directive, result="done"):
    body = {}
    for task in directive.tasks.all():
        body[f"result_{task.pk}"] = result
        body[f"note_{task.pk}"] = "Có biên bản."
        body[f"link_{task.pk}"] = ""
    return body


def test_a_unit_assesses_itself_and_the_committee_rates_it(client_for, review, directive,
                                                          units, accounts):
    bk = units["BK"]
    client = client_for(accounts["officer"])
    url = reverse("inspections:review_assess", args=[review.pk])
    assert client.post(url, _body(directive, "done_well")).status_code == 302
    assert ReviewAssessment.objects.filter(review=review, unit=bk).count() == 3
    assert client.post(url, _body(directive, "done")).status_code == 302  # changed again
    assert set(ReviewAssessment.objects.filter(review=review, unit=bk)
               .values_list("result", flat=True)) == {"done"}
    # The BK officer may not rate (404: the review is the committee's to change).
    assert client.get(reverse("inspections:review_rate", args=[review.pk])).status_code == 404

    client = client_for(accounts["committee"])
    response = client.post(reverse("inspections:review_rate", args=[review.pk])
                           + f"?don-vi={bk.pk}", {
        "rating": "good", "comment": "Thực hiện đầy đủ.", "commend_unit": "on",
        "commend_person": "Nguyễn Văn Phúc", "commend_reason": "Mô hình đối thoại hay."})
    assert response.status_code == 302
    rating = ReviewRating.objects.get(review=review, unit=bk)
    assert (rating.rating, rating.commend_unit, rating.commend_person) == (
        "good", True, "Nguyễn Văn Phúc")
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Tốt" in page and "Nguyễn Văn Phúc" in page


def test_every_task_must_be_assessed(client_for, review, directive, units, accounts):
    body = _body(directive)
    body[f"result_{directive.tasks.first().pk}"] = ""
    response = client_for(accounts["officer"]).post(
        reverse("inspections:review_assess", args=[review.pk]), body)
    assert "Tự đánh giá đủ tất cả nhiệm vụ" in response.content.decode()
    with pytest.raises(ValidationError):
        s.review_assess(review=review, unit=units["BK"], by=accounts["officer"], rows={})
    assert not ReviewAssessment.objects.exists()


def test_a_link_outside_the_portal_is_refused(client_for, review, directive, accounts):
    body = _body(directive)
    body[f"link_{directive.tasks.first().pk}"] = "https://example.com/x"
    response = client_for(accounts["officer"]).post(
        reverse("inspections:review_assess", args=[review.pk]), body)
    assert response.status_code == 200 and not ReviewAssessment.objects.exists()


def test_a_commendation_needs_a_reason_and_ratings_only_for_taking_part_units(
        client_for, review, units, accounts):
    response = client_for(accounts["committee"]).post(
        reverse("inspections:review_rate", args=[review.pk]) + f"?don-vi={units['BK'].pk}",
        {"rating": "good", "commend_unit": "on"})
    assert "Nêu lý do đề nghị khen thưởng" in response.content.decode()
    with pytest.raises(ValidationError):  # a departmental union does not take part
        s.review_rate(review=review, unit=units["BK-CK"], rating="good",
                      by=accounts["committee"])
    assert not ReviewRating.objects.exists()


def test_an_officer_assesses_only_their_own_unit(review, directive, units, accounts):
    rows = {t.pk: ("done", "", "") for t in directive.tasks.all()}
    with pytest.raises(PermissionDenied):
        s.review_assess(review=review, unit=units["BK"], rows=rows, by=accounts["officer2"])
    with pytest.raises(PermissionDenied):
        s.review_rate(review=review, unit=units["BK"], rating="weak", by=accounts["officer"])
    assert not ReviewAssessment.objects.exists() and not ReviewRating.objects.exists()


def test_the_report_of_a_period_covering_the_review_carries_its_ratings(review, directive,
                                                                       units, accounts):
    from directives.inspections.report_parts import review_blocks

    committee = accounts["committee"]
    for code, rating in (("BK", "good"), ("KHTN", "weak")):
        s.review_assess(review=review, unit=units[code], by=committee,
                        rows={t.pk: ("done_well", "", "") for t in directive.tasks.all()})
        s.review_rate(review=review, unit=units[code], rating=rating, by=committee,
                      commend_unit=rating == "good",
                      commend_reason="Làm tốt." if rating == "good" else "")
    top = units["CDDHQG"]
    children = list(top.children.order_by("path"))
    blocks = review_blocks(Frame(top, children, Period(date(2026, 1, 1), date(2026, 6, 30))))
    paragraph, table = blocks
    assert isinstance(paragraph, Paragraph) and "Tốt 1" in paragraph.text
    assert "Yếu 1" in paragraph.text and units["BK"].name in paragraph.text
    assert isinstance(table, Table) and len(table.rows) == 2
    assert table.rows[0][1:] == ["3", "0", "0", "Tốt"]
    assert review_blocks(Frame(top, children, Period(date(2026, 7, 1),
                                                     date(2026, 9, 30)))) == []
