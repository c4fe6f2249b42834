"""Bad input and other units: refused with a Vietnamese message, nothing stored."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import override

from directives.dialogue.cases import services
from directives.dialogue.models import Case, CaseEntry
from tests.test_isolation import difference, fingerprint

from .factories import open_case, raise_case

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name,call", [
    ("intake", lambda c, by: services.case_intake(case=c, by=by, outcome="accepted")),
    ("start", lambda c, by: services.case_start(case=c, by=by)),
    ("answer", lambda c, by: services.case_answer(case=c, by=by, answer="Trả lời.")),
    ("decline", lambda c, by: services.case_decline(case=c, by=by, reason="Lý do.")),
    ("close", lambda c, by: services.case_close(case=c, by=by)),
    ("note", lambda c, by: services.case_note(case=c, by=by, body="Ghi chú.")),
    ("assign", lambda c, by: services.case_assign(case=c, by=by, owner=None)),
    ("link", lambda c, by: services.case_link(case=c, by=by, lead=None)),
    ("escalate", lambda c, by: services.case_escalate(case=c, by=by)),
    ("name", lambda c, by: services.case_name_read(case=c, by=by)),
])
@pytest.mark.parametrize("actor", ["officer2", "member", "collaborator"])
def test_another_units_officer_or_a_member_is_refused(accounts, name, call, actor):
    officer = accounts["officer"]
    case, _code = raise_case(accounts["member"])
    if name in ("start", "answer", "decline"):
        services.case_intake(case=case, by=officer, outcome="accepted")
    if name == "close":
        services.case_intake(case=case, by=officer, outcome="accepted")
        services.case_answer(case=case, by=officer, answer="Đã trả lời.")
    case.refresh_from_db()
    before = fingerprint([case])
    with pytest.raises(PermissionDenied):
        call(case, accounts[actor])
    assert not difference(before, fingerprint([case]))


def test_case_open_checks_the_unit(accounts, units):
    with pytest.raises(PermissionDenied):
        open_case(accounts["officer2"], units["BK"])
    with pytest.raises(PermissionDenied):
        open_case(accounts["member"], units["BK"])
    assert not Case.objects.exists()


def test_an_officer_may_not_answer_another_units_case_through_the_page(accounts, client_for):
    case = open_case(accounts["officer"])
    services.case_intake(case=case, by=accounts["officer"], outcome="accepted")
    response = client_for(accounts["officer2"]).post(
        reverse("dialogue:case_answer", args=[case.pk]),
        {"answer": "Trả lời nhầm đơn vị.", "confirmed": "True"})
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.stage == "accepted" and not case.answer


@pytest.mark.parametrize("upload,message", [
    (SimpleUploadedFile("virus.exe", b"MZ\x90\x00"), "Không nhận loại tệp"),
    (SimpleUploadedFile("scan.pdf", b"MZ not a pdf at all"), "không phải"),
    (SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (2 * 1024 * 1024)), "lớn hơn"),
])
def test_a_bad_attachment_is_refused_and_nothing_stored(accounts, settings, client_for,
                                                         upload, message):
    settings.PORTAL_UPLOAD_MAX_MB = 1
    with override("vi"):
        response = client_for(accounts["member"]).post(reverse("dialogue:my_case_new"), {
            "title": "Kiến nghị có tệp", "description": "Nội dung.", "category": "other",
            "kind": "feedback", "urgency": "normal", "attachment": upload},
            HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200 and message in response.content.decode()
    assert not Case.objects.exists() and not CaseEntry.objects.exists()


def test_a_good_attachment_is_kept_privately(accounts, client_for):
    member = accounts["member"]
    case, _code = raise_case(member, attachment=SimpleUploadedFile(
        "bien-ban.pdf", b"%PDF-1.4\n%%EOF\n"))
    assert case.attachment.name.startswith("cases/") and "bien-ban" not in case.attachment.name
    url = reverse("dialogue:case_attachment", args=[case.pk])
    assert client_for(member).get(url).status_code == 200
    assert client_for(accounts["officer2"]).get(url).status_code == 404


def test_member_form_with_missing_fields_stores_nothing(accounts, client_for):
    with override("vi"):
        response = client_for(accounts["member"]).post(reverse("dialogue:my_case_new"), {
            "title": "", "description": "", "category": "nope"}, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200 and not Case.objects.exists()


def test_a_text_too_long_is_refused(accounts):
    with override("vi"), pytest.raises(ValidationError) as error:
        open_case(accounts["officer"], description="x" * 6000)
    assert "tối đa" in " ".join(error.value.messages)
    assert not Case.objects.exists()
