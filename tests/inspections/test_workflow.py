"""An inspection from its plan to its closure, through the pages, and what each side may do."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from directives.inspections import services as s
from directives.inspections.models import Inspection, InspectionScore, Recommendation
from tests.inspections.conftest import TODAY, advance, full_scores, pdf, plan


def _date(day) -> str:
    return f"{day:%d/%m/%Y}"


def test_the_committee_inspects_a_unit_and_the_unit_answers_to_closure(
        client_for, units, accounts, programme, directive):
    committee, officer = accounts["committee"], accounts["officer"]
    client = client_for(committee)
    task = directive.tasks.get(number=2)
    response = client.post(reverse("inspections:inspection_add", args=[programme.pk]), {
        "unit": units["BK"].pk, "purpose": "Đánh giá việc thực hiện Công văn 360.",
        "content": "Mạng lưới cộng tác viên, báo cáo dư luận.", "tasks": [task.pk],
        "starts_on": _date(TODAY), "ends_on": _date(TODAY + timedelta(days=2)),
        "head": committee.pk, "team": [committee.pk]})
    inspection = Inspection.objects.get(unit=units["BK"])
    assert response.status_code == 302 and inspection.status == "planned"
    assert list(inspection.tasks.all()) == [task]
    assert inspection.scores.count() == 6  # the active checklist, copied

    # Not yet notified: the unit's officers do not see it.
    assert client_for(officer).get(inspection.get_absolute_url()).status_code == 404
    client = client_for(committee)
    client.post(reverse("inspections:notify", args=[inspection.pk]),
                {"sent_on": _date(TODAY - timedelta(days=7)), "notice": "Chuẩn bị hồ sơ."})
    inspection.refresh_from_db()
    assert inspection.status == "notified"

    client = client_for(officer)
    assert client.get(inspection.get_absolute_url()).status_code == 200
    body = {"report": "Đã thực hiện đầy đủ.", "upload": pdf()}
    for row in inspection.scores.all():
        body[f"score_{row.criterion_id}"] = str(row.max_score - 1)
        body[f"note_{row.criterion_id}"] = "Có hồ sơ."
    response = client.post(reverse("inspections:self_report", args=[inspection.pk]), body)
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.status == "self_reported" and inspection.self_report_file
    download = client.get(reverse("inspections:attachment", args=[inspection.pk,
                                                                  "tu-bao-cao"]))
    assert download.status_code == 200 and download["Cache-Control"] == "private, no-store"

    client = client_for(committee)
    body = {"verified_on": _date(TODAY), "record": "Đoàn đã kiểm tra hồ sơ."}
    for row in inspection.scores.all():
        body[f"score_{row.criterion_id}"] = str(row.max_score - 2)
        body[f"note_{row.criterion_id}"] = "Biên bản giao ban."
    assert client.post(reverse("inspections:verify", args=[inspection.pk]),
                       body).status_code == 302
    owner = accounts["officer"]
    for text in ("Kiện toàn tổ cộng tác viên.", "Báo cáo đúng hạn."):
        client.post(reverse("inspections:recommendation_add", args=[inspection.pk]), {
            "text": text, "owner": owner.pk, "due_on": _date(TODAY + timedelta(days=30))})
    assert client.post(reverse("inspections:conclude", args=[inspection.pk]), {
        "rating": "fair", "conclusion": "Đơn vị thực hiện cơ bản đầy đủ.",
        "concluded_on": _date(TODAY + timedelta(days=3))}).status_code == 302
    inspection.refresh_from_db()
    assert (inspection.status, inspection.rating) == ("concluded", "fair")
    first, second = inspection.recommendations.order_by("pk")

    client = client_for(officer)
    for item in (first, second):
        response = client.post(reverse("inspections:recommendation_answer", args=[item.pk]),
                               {"note": "Đã thực hiện, có biên bản.", "evidence": pdf()})
        assert response.status_code == 302
    client = client_for(committee)
    client.post(reverse("inspections:recommendation_review", args=[first.pk]),
                {"action": "accept"})
    client.post(reverse("inspections:recommendation_review", args=[second.pk]),
                {"action": "return", "reason": "Chưa có biên bản."})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.review, first.status) == ("accepted", "done")
    assert (second.review, second.status, second.completed_on) == (
        "returned", "in_progress", None)
    inspection.refresh_from_db()
    assert inspection.status == "concluded"

    client = client_for(officer)
    page = client.get(second.get_absolute_url()).content.decode()
    assert "Chưa có biên bản." in page and "Trả lời kiến nghị" in page
    client.post(reverse("inspections:recommendation_answer", args=[second.pk]),
                {"note": "Đã bổ sung biên bản."})
    client_for(committee).post(reverse("inspections:recommendation_review",
                                       args=[second.pk]), {"action": "accept"})
    inspection.refresh_from_db()
    assert inspection.status == "closed"
    assert inspection.history.count() >= 6  # every step is kept with who and when


def test_a_re_inspection_copies_the_plan(programme, units, accounts):
    team = accounts["committee"]
    inspection = advance(plan(programme, units["BK"], team), "concluded", team=team,
                         unit_officer=accounts["officer"])
    again = s.inspection_schedule_reinspection(
        inspection=inspection, starts_on=TODAY + timedelta(days=90),
        ends_on=TODAY + timedelta(days=91), by=team)
    assert again.reinspection_of == inspection and again.unit == units["BK"]
    assert again.status == "planned" and again.scores.count() == 6


# --- bad input: a clear Vietnamese message, nothing stored ---------------------------------


def test_a_score_out_of_range_is_refused_and_nothing_is_stored(client_for, bk_inspection,
                                                               accounts):
    inspection = Inspection.objects.get(pk=bk_inspection.pk)
    before = list(InspectionScore.objects.filter(inspection=inspection).values_list(
        "score", flat=True))
    body = {"verified_on": _date(TODAY), "record": "Đã xác minh."}
    for row in inspection.scores.all():
        body[f"score_{row.criterion_id}"] = str(row.max_score + 5)
        body[f"note_{row.criterion_id}"] = ""
    response = client_for(accounts["committee"]).post(
        reverse("inspections:verify", args=[inspection.pk]), body)
    assert response.status_code == 200
    assert "Nhập điểm từ 0 đến" in response.content.decode()
    assert list(InspectionScore.objects.filter(inspection=inspection).values_list(
        "score", flat=True)) == before
    scores = full_scores(inspection, 99)
    with pytest.raises(ValidationError) as error:
        s.inspection_verify(inspection=inspection, verified_on=TODAY, record="x",
                            scores=scores, by=accounts["committee"])
    assert "nhập điểm từ 0 đến" in str(error.value)
    assert list(InspectionScore.objects.filter(inspection=inspection).values_list(
        "score", flat=True)) == before


def test_a_rating_without_a_conclusion_is_refused(client_for, bk_inspection, accounts):
    response = client_for(accounts["committee"]).post(
        reverse("inspections:conclude", args=[bk_inspection.pk]),
        {"rating": "good", "conclusion": "  ", "concluded_on": _date(TODAY)})
    assert "Cần viết kết luận trước khi xếp loại." in response.content.decode()
    with pytest.raises(ValidationError):
        s.inspection_conclude(inspection=bk_inspection, rating="good", conclusion="",
                              concluded_on=TODAY, by=accounts["committee"])
    bk_inspection.refresh_from_db()
    assert (bk_inspection.status, bk_inspection.rating) == ("verified", "")


def test_a_recommendation_needs_an_owner_and_a_deadline(client_for, bk_inspection, accounts):
    response = client_for(accounts["committee"]).post(
        reverse("inspections:recommendation_add", args=[bk_inspection.pk]),
        {"text": "Kiện toàn tổ cộng tác viên.", "owner": "", "due_on": ""})
    page = response.content.decode()
    assert "Chọn người phụ trách." in page and "Nhập thời hạn." in page
    with pytest.raises(ValidationError) as error:
        s.recommendation_add(inspection=bk_inspection, text="Kiện toàn.", owner=None,
                             due_on=None, by=accounts["committee"])
    assert set(error.value.message_dict) == {"owner", "due_on"}
    with pytest.raises(ValidationError):  # someone of another union
        s.recommendation_add(inspection=bk_inspection, text="Kiện toàn.",
                             owner=accounts["officer2"], due_on=TODAY,
                             by=accounts["committee"])
    assert not Recommendation.objects.exists()


def test_the_unit_may_not_touch_the_teams_findings(client_for, bk_inspection, accounts):
    """The inspected union's officer edits only its self-report and answers."""
    officer = accounts["officer"]
    for call in (
            lambda: s.inspection_verify(inspection=bk_inspection, verified_on=TODAY,
                                        record="Tự xác minh.",
                                        scores=full_scores(bk_inspection), by=officer),
            lambda: s.inspection_conclude(inspection=bk_inspection, rating="good",
                                          conclusion="Rất tốt.", concluded_on=TODAY,
                                          by=officer),
            lambda: s.recommendation_add(inspection=bk_inspection, text="x", owner=officer,
                                         due_on=TODAY, by=officer),
            lambda: s.inspection_update_plan(inspection=bk_inspection,
                                             data={"purpose": "Khác."}, by=officer)):
        with pytest.raises(PermissionDenied):
            call()
    client = client_for(officer)
    for name in ("verify", "conclude", "plan_edit", "recommendation_add", "notify"):
        response = client.post(reverse(f"inspections:{name}", args=[bk_inspection.pk]),
                               {"rating": "good", "conclusion": "x"})
        assert response.status_code == 404, name
    bk_inspection.refresh_from_db()
    assert (bk_inspection.status, bk_inspection.conclusion) == ("verified", "")


def test_an_officer_may_not_answer_another_units_recommendation(client_for, bk_inspection,
                                                                accounts):
    item = s.recommendation_add(inspection=bk_inspection, text="Kiện toàn.",
                                owner=accounts["officer"], due_on=TODAY,
                                by=accounts["committee"])
    s.inspection_conclude(inspection=bk_inspection, rating="fair", conclusion="Khá.",
                          concluded_on=TODAY, by=accounts["committee"])
    with pytest.raises(PermissionDenied):
        s.recommendation_answer(recommendation=item, note="Đã làm.", by=accounts["officer2"])
    response = client_for(accounts["officer2"]).post(
        reverse("inspections:recommendation_answer", args=[item.pk]), {"note": "Đã làm."})
    assert response.status_code == 404
    item.refresh_from_db()
    assert (item.status, item.review, item.note) == ("not_started", "waiting", "")


@pytest.mark.parametrize(("name", "content", "message"), [
    ("chay.exe", b"MZ\x90\x00", "Không nhận loại tệp này"),
    ("minh-chung.pdf", b"MZ\x90\x00 not a pdf", "Nội dung tệp không phải PDF"),
])
def test_a_wrong_attachment_is_refused(client_for, bk_inspection, accounts, name, content,
                                       message):
    from django.core.files.uploadedfile import SimpleUploadedFile

    item = s.recommendation_add(inspection=bk_inspection, text="Kiện toàn.",
                                owner=accounts["officer"], due_on=TODAY,
                                by=accounts["committee"])
    s.inspection_conclude(inspection=bk_inspection, rating="fair", conclusion="Khá.",
                          concluded_on=TODAY, by=accounts["committee"])
    response = client_for(accounts["officer"]).post(
        reverse("inspections:recommendation_answer", args=[item.pk]),
        {"note": "Đã làm.", "evidence": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert message in response.content.decode()
    item.refresh_from_db()
    assert (item.status, item.review, bool(item.evidence)) == ("not_started", "waiting", False)


def test_an_oversized_self_report_file_is_refused(settings, client_for, programme, units,
                                                  accounts):
    settings.PORTAL_UPLOAD_MAX_MB = 1
    inspection = advance(plan(programme, units["BK"], accounts["committee"]), "notified",
                         team=accounts["committee"], unit_officer=accounts["officer"])
    body = {"report": "Đã làm.", "upload": pdf(size=2 * 1024 * 1024)}
    response = client_for(accounts["officer"]).post(
        reverse("inspections:self_report", args=[inspection.pk]), body)
    assert "lớn hơn 1 MB" in response.content.decode()
    inspection.refresh_from_db()
    assert (inspection.status, inspection.self_report) == ("notified", "")


def test_steps_out_of_order_are_refused(programme, units, accounts):
    team = accounts["committee"]
    inspection = plan(programme, units["BK"], team)
    with pytest.raises(ValidationError):
        s.inspection_self_report(inspection=inspection, report="Sớm.", scores={},
                                 by=accounts["officer"])
    with pytest.raises(ValidationError):
        s.inspection_conclude(inspection=inspection, rating="good", conclusion="Tốt.",
                              concluded_on=TODAY, by=team)
    with pytest.raises(ValidationError):  # a unit outside the programme's subtree
        s.inspection_plan(programme=programme, by=team, data={
            "unit": units["CDDHQG"], "purpose": "x", "content": "y", "starts_on": TODAY,
            "ends_on": TODAY, "head": team})
    inspection.refresh_from_db()
    assert inspection.status == "planned"
