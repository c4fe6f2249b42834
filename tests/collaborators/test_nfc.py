"""Text typed on a Mac arrives decomposed (e + combining marks). Whatever path it takes into
the collaborators app (roster form, training form, opinion report, comment, escalation, the
Excel import's bulk writes), it is stored, searched and exported composed (NFC)."""

import io
import unicodedata
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from collaborators.importer import roster_import_confirm, roster_import_preview
from collaborators.models import Collaborator, OpinionReport, OpinionReportComment, Training

from .factories import CollaboratorFactory, OpinionReportFactory
from .test_roster_views import form_data
from .xlsx import read_rows, workbook_bytes

pytestmark = pytest.mark.django_db


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def composed(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


def test_the_import_stores_and_exports_decomposed_names_composed(client_for, accounts, units):
    officer = accounts["officer"]
    existing = CollaboratorFactory(unit=units["BK"], full_name="Lê Thị Cũ", email="cu@x.vn",
                                   position="")
    rows = [["Họ và tên", "Mã đơn vị", "Email", "Chức vụ", "Ghi chú"],
            [nfd("Nguyễn Thị Ngọc Ánh"), "BK", "anh@x.vn", nfd("Chuyên viên"),
             nfd("Ghi chú: đã tập huấn")],
            [nfd("Lê Thị Cũ"), "BK", "cu@x.vn", nfd("Phó trưởng phòng"), ""]]
    batch = roster_import_preview(upload=SimpleUploadedFile("ds.xlsx", workbook_bytes(rows)),
                                  by=officer)
    roster_import_confirm(batch=batch, by=officer)
    anh = Collaborator.objects.get(email="anh@x.vn")
    assert anh.full_name == "Nguyễn Thị Ngọc Ánh" and composed(anh.full_name)
    assert anh.position == "Chuyên viên" and anh.notes == "Ghi chú: đã tập huấn"
    existing.refresh_from_db()
    assert existing.position == "Phó trưởng phòng"  # the bulk update, too
    client = client_for(officer)
    found = client.get(reverse("collaborators:list"), {"q": "Ngọc Ánh"}).content.decode()
    assert "Nguyễn Thị Ngọc Ánh" in found
    exported = read_rows(client.get(reverse("collaborators:export")).content)
    names = [row[2] for row in exported[1:]]
    assert "Nguyễn Thị Ngọc Ánh" in names and all(composed(n) for n in names)


def test_the_roster_form_stores_composed_text(client_for, accounts, units):
    client_for(accounts["officer"]).post(reverse("collaborators:create"), form_data(
        units["BK"], full_name=nfd("Hoàng Thị Mai"), position=nfd("Giảng viên chính"),
        decision_number=nfd("12/QĐ-CĐBK"), notes=nfd("Phụ trách khối cơ khí")))
    person = Collaborator.objects.get()
    assert (person.full_name, person.position, person.decision_number, person.notes) == (
        "Hoàng Thị Mai", "Giảng viên chính", "12/QĐ-CĐBK", "Phụ trách khối cơ khí")
    client_for(accounts["officer"]).post(reverse("collaborators:end", args=[person.pk]),
                                         {"on": "2026-01-05", "reason": nfd("Nghỉ hưu")})
    person.refresh_from_db()
    assert person.end_reason == "Nghỉ hưu"


def test_the_training_form_stores_composed_text(client_for, accounts, units):
    client_for(accounts["officer"]).post(reverse("collaborators:training_create"), {
        "title": nfd("Kỹ năng nắm bắt dư luận"), "held_on": "2026-10-02",
        "organiser": units["BK"].pk, "hours": "3", "place": nfd("Hội trường B"),
        "content": nfd("Nhận diện tin giả")})
    training = Training.objects.get()
    assert (training.title, training.place, training.content) == (
        "Kỹ năng nắm bắt dư luận", "Hội trường B", "Nhận diện tin giả")


def test_opinion_reports_comments_and_escalations_are_stored_composed(client_for, accounts,
                                                                      units):
    CollaboratorFactory(unit=units["BK"], account=accounts["collaborator"])
    client_for(accounts["collaborator"]).post(reverse("collaborators:report_new"), {
        "topic": "pay", "summary": nfd("Giảng viên trẻ lo thu nhập tăng thêm bị chậm."),
        "sentiment": "negative", "spread": "group", "urgency": "soon",
        "proposal": nfd("Đề nghị công khai lộ trình"), "key": str(uuid.uuid4())})
    report = OpinionReport.objects.get()
    assert report.summary == "Giảng viên trẻ lo thu nhập tăng thêm bị chậm."
    assert report.proposal == "Đề nghị công khai lộ trình"
    officer = client_for(accounts["officer"])
    officer.post(reverse("collaborators:report_review", args=[report.pk]),
                 {"body": nfd("Đã chuyển phòng Tài vụ"), "action": "comment"})
    assert OpinionReportComment.objects.get().body == "Đã chuyển phòng Tài vụ"
    other = OpinionReportFactory(unit=units["BK"])
    officer.post(reverse("collaborators:report_escalate", args=[other.pk]),
                 {"note": nfd("Cần đối thoại trực tiếp")})
    other.refresh_from_db()
    assert other.escalation_note == "Cần đối thoại trực tiếp"


def test_decomposed_names_in_a_sheet_match_people_already_there(accounts, units):
    from collaborators.importer import plan_roster_import

    CollaboratorFactory(unit=units["BK"], full_name="Phạm Văn Đức", email="", phone="")
    rows = [["Họ và tên", "Mã đơn vị", "Chức vụ"], [nfd("Phạm Văn Đức"), "BK", "Chuyên viên"]]
    plan = plan_roster_import(fileobj=io.BytesIO(workbook_bytes(rows)), user=accounts["officer"])
    assert not plan.to_create and plan.to_update[0].matched_by == "full_name"


def test_text_stored_decomposed_before_is_composed_by_the_migration(units):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("collaborators.migrations.0004_compose_stored_text")
    person = CollaboratorFactory(unit=units["BK"], full_name="Tạm Tên")
    untouched = CollaboratorFactory(unit=units["BK"], full_name="Lê Văn Giữ")
    Collaborator.objects.filter(pk=person.pk).update(  # as an old bulk write left it
        full_name=nfd("Nguyễn Thị Ngọc Ánh"), notes=nfd("Đã tập huấn"))
    migration.compose(apps, None)
    person.refresh_from_db()
    assert person.full_name == "Nguyễn Thị Ngọc Ánh" and person.notes == "Đã tập huấn"
    assert Collaborator.objects.get(pk=untouched.pk).full_name == "Lê Văn Giữ"
