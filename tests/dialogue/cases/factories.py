"""Cases for tests, made through the services."""

from __future__ import annotations

from directives.dialogue.cases import services


def open_case(officer, unit=None, *, title="Phòng thí nghiệm thiếu điều hòa", **fields):
    fields.setdefault("description", "Điều hòa phòng B4 hỏng từ đầu học kỳ.")
    fields.setdefault("source", "email")
    return services.case_open(by=officer, unit=unit or officer.unit, title=title, **fields)


def raise_case(member, *, title="Chế độ thai sản chưa được giải quyết", **fields):
    fields.setdefault("description", "Tôi nộp hồ sơ từ tháng trước, chưa nhận trợ cấp.")
    return services.case_raise_by_member(by=member, title=title, **fields)
