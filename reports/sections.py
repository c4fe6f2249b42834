"""The body of a report, section by section, from each app's selectors."""

from __future__ import annotations

from django.contrib.humanize.templatetags.humanize import intcomma
from django.db.models import Sum

from portal.models import Unit

from .content import Paragraph, Section, Table
from .periods import Period


def _units_in(scope: Unit):
    return Unit.objects.active().subtree(scope)


def situation(*, scope: Unit, period: Period) -> Section:
    units = _units_in(scope)
    grassroots = units.filter(kind=Unit.Kind.GRASSROOTS)
    members = grassroots.aggregate(n=Sum("member_count"))["n"] or scope.member_count
    table = Table(
        caption="Bảng 1. Các đơn vị trong phạm vi báo cáo",
        header=["Đơn vị", "Số đoàn viên"],
        rows=[[u.name, intcomma(u.member_count)] for u in (grassroots or units)],
    )
    return Section("I. TÌNH HÌNH CHUNG", [
        Paragraph(f"Phạm vi báo cáo gồm {grassroots.count() or units.count()} đơn vị với "
                  f"{intcomma(members)} đoàn viên."),
        table,
    ])


def all_sections(*, scope: Unit, period: Period) -> list[Section]:
    return [situation(scope=scope, period=period)]
