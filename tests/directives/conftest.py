from datetime import date

import pytest


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploads of each test go to its own folder (MEDIA_ROOT is private storage)."""
    settings.MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


TODAY = date(2026, 3, 10)


@pytest.fixture
def draft(units, accounts):
    """A committee directive with two tasks for every grassroots union, not published."""
    from directives.models import Directive
    from directives.services import task_save

    committee = accounts["committee"]
    directive = Directive.objects.create(
        unit=units["CDDHQG"], number="12/CĐ-ĐHQG", issued_on=date(2026, 3, 1),
        issuer="Ban Thường vụ Công đoàn ĐHQG-HCM", subject="Về công tác dư luận xã hội quý I",
        body="Đề nghị các công đoàn cơ sở thực hiện.", created_by=committee)
    task_save(directive=directive, by=committee, data={
        "number": 1, "title": "Kiện toàn mạng lưới cộng tác viên", "description": "",
        "area": "network", "rhythm": "once", "due_on": date(2026, 3, 31),
        "target_unit": units["CDDHQG"]})
    task_save(directive=directive, by=committee, data={
        "number": 2, "title": "Báo cáo dư luận hằng tháng", "description": "",
        "area": "briefings", "rhythm": "monthly", "due_on": None,
        "target_unit": units["CDDHQG"]})
    return directive


@pytest.fixture
def published(draft, accounts):
    from directives.services import directive_publish

    directive_publish(directive=draft, by=accounts["committee"], today=TODAY)
    draft.refresh_from_db()
    return draft


def pdf(name="minh-chung.pdf", size=0):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"%PDF-1.4\n" + b"0" * size + b"\n%%EOF\n",
                              content_type="application/pdf")
