"""Documents about an area's record: printed as a draft, issued once with the next number of
the issuer's sequence, read back from the PDF and Word files; refused to other units."""

import io
from datetime import date

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from portal import contributions
from portal.contributions import DocumentSubject
from portal.documents import Paragraph, Section
from reports.issued import subject_issue
from reports.models import IssuedDocument
from tests.reports.conftest import pdf_text
from tests.tracked_items.models import Chore

pytestmark = pytest.mark.django_db
KIND = "chore_conclusion"


@pytest.fixture
def subject(monkeypatch):
    registry = dict(contributions._subjects)
    monkeypatch.setattr(contributions, "_subjects", registry)

    def choices(user):
        return Chore.objects.visible_to(user)

    made = DocumentSubject(
        KIND, choices, lambda chore: [Section("I. KẾT QUẢ", [Paragraph(
            f"Đơn vị đã thực hiện nhiệm vụ “{chore.title}”.", point=True)])],
        title=lambda chore: f"Kết luận kiểm tra việc {chore.title.lower()}",
        document_name="KẾT LUẬN", symbol="KL",
        recipients=lambda chore: [f"Ban Chấp hành {chore.unit.name}"])
    registry[KIND] = made
    return made


@pytest.fixture
def chore(units):
    return Chore.objects.create(unit=units["BK"], title="Kiện toàn mạng lưới cộng tác viên",
                                due_on=date(2026, 12, 15))


def test_the_draft_prints_with_no_number_yet(subject, chore, accounts, client_for, media,
                                             tmp_path):
    response = client_for(accounts["officer"]).get(
        reverse("reports:subject_pdf", args=[KIND, chore.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    (tmp_path / "draft.pdf").write_bytes(response.content)
    text = pdf_text(tmp_path / "draft.pdf")
    assert "KẾT LUẬN" in text and "…/KL-CĐBK" in text
    assert "Kết luận kiểm tra việc kiện toàn mạng lưới cộng tác viên" in text
    assert "1. Đơn vị đã thực hiện nhiệm vụ" in text
    assert not IssuedDocument.objects.exists()


def test_issuing_numbers_it_once_and_files_pdf_and_word(subject, chore, accounts, client_for,
                                                        media, tmp_path):
    client = client_for(accounts["officer"])
    response = client.post(reverse("reports:subject_issue", args=[KIND, chore.pk]),
                           {"next": "/"})
    assert response.status_code == 302
    issued = IssuedDocument.objects.get()
    assert issued.number_label == "01/KL-CĐBK" and issued.issuer == chore.unit
    pdf = client.get(reverse("reports:issued_download", args=[issued.pk, "pdf"]))
    (tmp_path / "issued.pdf").write_bytes(b"".join(pdf.streaming_content))
    assert "Số: 01/KL-CĐBK" in pdf_text(tmp_path / "issued.pdf")
    word = client.get(reverse("reports:issued_download", args=[issued.pk, "docx"]))
    text = "\n".join(p.text for p in docx.Document(
        io.BytesIO(b"".join(word.streaming_content))).paragraphs)
    assert "KẾT LUẬN" in text and "Kết luận kiểm tra việc kiện toàn mạng lưới" in text

    # A second issue is refused and the next document takes the next number.
    with pytest.raises(ValidationError, match="đã được ban hành"):
        subject_issue(kind=KIND, record=chore, by=accounts["officer"])
    other = Chore.objects.create(unit=chore.unit, title="Giao ban", due_on=date(2026, 12, 20))
    assert subject_issue(kind=KIND, record=other, by=accounts["officer"]).number == 2


def test_another_unit_neither_prints_nor_issues_nor_downloads(subject, chore, accounts,
                                                              client_for, media):
    with pytest.raises(PermissionDenied):
        subject_issue(kind=KIND, record=chore, by=accounts["officer2"])
    client = client_for(accounts["officer2"])
    assert client.get(reverse("reports:subject_pdf", args=[KIND, chore.pk])).status_code == 404
    assert client.post(reverse("reports:subject_issue", args=[KIND, chore.pk])).status_code \
        == 404
    assert not IssuedDocument.objects.exists()
    issued = subject_issue(kind=KIND, record=chore, by=accounts["officer"])
    assert client.get(reverse("reports:issued_download", args=[issued.pk, "pdf"])
                      ).status_code == 404


def test_an_unknown_kind_is_a_404(accounts, client_for):
    response = client_for(accounts["officer"]).get(
        reverse("reports:subject_pdf", args=["khong-co", 1]))
    assert response.status_code == 404


def test_the_page_shows_the_issue_button_only_to_who_may_issue(subject, chore, accounts):
    template = Template('{% load report_documents %}{% subject_documents kind chore %}')

    def rendered(user):
        request = RequestFactory().get("/kiem-tra/1/")
        request.user = user
        return template.render(Context({"request": request, "kind": KIND, "chore": chore}))

    assert "ban-hanh" in rendered(accounts["officer"])
    assert "ban-in.pdf" in rendered(accounts["collaborator"])
    assert "ban-hanh" not in rendered(accounts["collaborator"])
