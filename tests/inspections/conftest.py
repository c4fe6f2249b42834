from datetime import date, timedelta

import pytest

TODAY = date(2026, 6, 10)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploads of each test go to its own folder (MEDIA_ROOT is private storage)."""
    settings.MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


def pdf(name="minh-chung.pdf", size=0):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"%PDF-1.4\n" + b"0" * size + b"\n%%EOF\n",
                              content_type="application/pdf")


@pytest.fixture
def directive(units, accounts):
    """A published committee directive with three tasks."""
    from django.utils import timezone

    from directives.models import Directive, DirectiveTask

    directive = Directive.objects.create(
        unit=units["CDDHQG"], number="360/CĐ-ĐHQG", issued_on=date(2024, 9, 17),
        issuer="Ban Thường vụ Công đoàn ĐHQG-HCM", subject="Về công tác dư luận xã hội",
        status="published", published_at=timezone.now(), created_by=accounts["committee"])
    for number, (title, area) in enumerate([
            ("Kiện toàn mạng lưới cộng tác viên", "network"),
            ("Báo cáo dư luận hằng tháng", "briefings"),
            ("Tổ chức đối thoại với đoàn viên", "dialogue")], start=1):
        DirectiveTask.objects.create(directive=directive, number=number, title=title,
                                     area=area, rhythm="once", due_on=date(2026, 12, 31),
                                     target_unit=units["CDDHQG"])
    return directive


@pytest.fixture
def khmt_chair(units):
    """An officer of a departmental union below BK (inspected by the BK union)."""
    from tests.factories import UserFactory

    return UserFactory(unit=units["BK-KHMT"], role="officer", username="khmt")


@pytest.fixture
def programme(units, accounts):
    """The committee's programme for 2026."""
    from directives.inspections.services import programme_create

    return programme_create(unit=units["CDDHQG"], year=2026, by=accounts["committee"],
                            title="Chương trình kiểm tra năm 2026")


@pytest.fixture
def bk_programme(units, accounts):
    """The BK union's own programme (it inspects its departmental unions)."""
    from directives.inspections.services import programme_create

    return programme_create(unit=units["BK"], year=2026, by=accounts["officer"],
                            title="Kế hoạch kiểm tra các công đoàn bộ phận 2026")


def plan(programme, unit, head, **extra):
    from directives.inspections.services import inspection_plan

    data = {"unit": unit, "purpose": "Đánh giá việc thực hiện Công văn 360.",
            "content": "Kế hoạch, mạng lưới, báo cáo dư luận.", "starts_on": TODAY,
            "ends_on": TODAY + timedelta(days=2), "head": head, "team": [head], **extra}
    return inspection_plan(programme=programme, data=data, by=head)


def full_scores(inspection, value=None):
    return {s.criterion_id: (s.max_score if value is None else value, "Có hồ sơ.")
            for s in inspection.scores.all()}


def advance(inspection, to: str, *, team, unit_officer):
    """Carry an inspection through the steps up to `to` (a status)."""
    from directives.inspections import services as s
    from directives.inspections.models import Inspection

    order = list(Inspection.Status.values)

    def reached(status):
        return order.index(to) >= order.index(status)

    if reached("notified"):
        s.inspection_notify(inspection=inspection, sent_on=TODAY - timedelta(days=10),
                            by=team)
    if reached("self_reported"):
        s.inspection_self_report(inspection=inspection, report="Đã thực hiện đầy đủ.",
                                 scores=full_scores(inspection), by=unit_officer)
    if reached("verified"):
        s.inspection_verify(inspection=inspection, verified_on=TODAY, record="Đã xác minh.",
                            scores=full_scores(inspection), by=team)
    if reached("concluded"):
        s.inspection_conclude(inspection=inspection, rating="good", conclusion="Làm tốt.",
                              concluded_on=TODAY + timedelta(days=5), by=team)
    inspection.refresh_from_db()
    return inspection


@pytest.fixture
def bk_inspection(programme, units, accounts):
    """The committee's inspection of BK, verified (recommendations can be added)."""
    return advance(plan(programme, units["BK"], accounts["committee"]), "verified",
                   team=accounts["committee"], unit_officer=accounts["officer"])
