"""The body of a report, section by section, from each app's selectors.

Sections follow the practice of Vietnamese union reports: situation; salient issues;
examples and new methods; petitions and proposals; what to watch next period. Every
figure comes from the apps' selectors (computed in SQL); this module only words them."""

from __future__ import annotations

from django.db.models import Count, Q

from collaborators.charts import ratio_chart, topic_trend_chart
from collaborators.models import OpinionReport, Training
from collaborators.selectors import (
    coverage_by_unit,
    notable_reports,
    opinion_report_counts,
    target_per_100,
)
from portal.models import Unit
from portal.numbers import format_figure, format_percent
from surveys.selectors import survey_activity

from .content import Chart, Paragraph, Section, Table
from .periods import Period


def _n(value: float | None, decimals: int = 0) -> str:
    """A figure as the dashboard and the charts write it (portal.numbers: half up)."""
    return "—" if value is None else format_figure(value, decimals)


def _pct(value: float | None, decimals: int = 0) -> str:
    return "—" if value is None else format_percent(value, decimals)


def _change(current: int, previous: int) -> str:
    if current == previous:
        return "không đổi so với kỳ trước"
    word = "tăng" if current > previous else "giảm"
    return f"{word} {abs(current - previous)} so với kỳ trước ({previous})"


def _units_below(scope: Unit) -> list[Unit]:
    children = list(Unit.objects.active().filter(parent=scope).order_by("path"))
    return children or [scope]


class Figures:
    """Everything a report needs, read once (a fixed number of queries)."""

    def __init__(self, *, scope: Unit, period: Period):
        self.scope = scope
        self.period = period
        self.units = _units_below(scope)
        self.coverage = coverage_by_unit([scope, *self.units], on=period.end)
        self.total_coverage = self.coverage[0] if self.coverage[0].unit.pk == scope.pk else None
        self.unit_coverage = [c for c in self.coverage if c.unit.pk != scope.pk]
        self.opinions = opinion_report_counts(period=self.period, unit=scope)
        self.notable = notable_reports(period=self.period, unit=scope, limit=12)
        start, end = self.period.bounds
        self.proposals = list(
            OpinionReport.objects.filter(unit__path__startswith=scope.path,
                                         created_at__gte=start, created_at__lt=end)
            .exclude(proposal="").select_related("unit").order_by("-created_at")[:10])
        self.trainings = (Training.objects.filter(
            held_on__gte=period.start, held_on__lte=period.end,
            organiser__path__startswith=scope.path)
            .aggregate(count=Count("pk", distinct=True),
                       people=Count("attendances", distinct=True),
                       units=Count("organiser", distinct=True, filter=Q(pk__isnull=False))))
        self.surveys = survey_activity(start=period.start, end=period.end, scope=scope)


def situation(f: Figures) -> Section:
    o = f.opinions
    blocks: list = []
    if o.total.current:
        top = [t for t in o.by_topic if t.current][:3]
        sentiments = "; ".join(f"{str(t.label).lower()} {t.current}" for t in o.by_sentiment
                               if t.current)
        blocks.append(Paragraph(
            f"Trong kỳ, mạng lưới cộng tác viên đã gửi {o.total.current} phiếu phản ánh dư luận, "
            f"{_change(o.total.current, o.total.previous)}. Theo sắc thái: {sentiments}. "
            "Các chủ đề được quan tâm nhiều nhất: "
            + "; ".join(f"{str(t.label).lower()} ({t.current} phiếu, "
                        f"{_change(t.current, t.previous)})" for t in top) + ".",
            bold_lead="1. Tình hình tư tưởng, dư luận."))
        topics = [t for t in o.by_topic if t.current or t.previous]
        table = Table(
            caption="Phiếu phản ánh dư luận theo chủ đề",
            header=["Chủ đề", "Kỳ này", "Kỳ trước", "Tăng/giảm", "Tiêu cực", "Khẩn cấp"],
            rows=[[str(t.label), _n(t.current), _n(t.previous),
                   f"{t.change:+d}", _n(o.negative_by_topic.get(t.key, 0)),
                   _n(o.urgent_by_topic.get(t.key, 0))] for t in topics])
        blocks.append(Chart("Phiếu phản ánh dư luận theo chủ đề, kỳ này và kỳ trước",
                            topic_trend_chart(o), table))
    else:
        blocks.append(Paragraph(
            "Trong kỳ, chưa có phiếu phản ánh dư luận nào được gửi qua cổng thông tin "
            f"(kỳ trước: {o.total.previous} phiếu). Đề nghị các đơn vị đôn đốc cộng tác viên "
            "nắm bắt và phản ánh kịp thời.", bold_lead="1. Tình hình tư tưởng, dư luận."))

    total = f.total_coverage
    if total is not None:
        blocks.append(Paragraph(
            f"Toàn phạm vi có {_n(total.collaborators)} cộng tác viên dư luận xã hội đang hoạt "
            f"động trên {_n(total.members)} đoàn viên, đạt {_n(total.per_100, 1)} cộng tác viên "
            f"trên 100 đoàn viên (chỉ tiêu {_n(target_per_100(), 1)}); "
            f"{_pct(total.trained_share)} cộng tác viên được tập huấn trong 12 tháng qua.",
            bold_lead="2. Đội ngũ cộng tác viên dư luận xã hội."))
    if f.unit_coverage and f.unit_coverage[0].unit.pk != f.scope.pk:
        rows, weak = [], set()
        for r, c in enumerate(f.unit_coverage):
            rows.append([c.unit.name, _n(c.members), _n(c.collaborators), _n(c.per_100, 1),
                         _pct(c.trained_share)])
            if c.below_target or c.per_100 is None:
                weak.add((r, 3))
            if c.trained_share is not None and c.trained_share < 50:
                weak.add((r, 4))
        table = Table(caption="Độ bao phủ cộng tác viên theo đơn vị",
                      header=["Đơn vị", "Đoàn viên", "Cộng tác viên", "CTV/100 ĐV",
                              "Đã tập huấn"], rows=rows, weak_cells=frozenset(weak))
        blocks.append(Chart("Số cộng tác viên trên 100 đoàn viên (đường đứt: chỉ tiêu)",
                            ratio_chart(f.unit_coverage), table))
    return Section("I. TÌNH HÌNH CHUNG", blocks)


def salient_issues(f: Figures) -> Section:
    if not f.notable:
        return Section("II. NHỮNG VẤN ĐỀ NỔI CỘM", [Paragraph(
            "Trong kỳ, không ghi nhận vấn đề nổi cộm, bức xúc kéo dài hoặc lan rộng.")])
    blocks = [Paragraph(f"Trong kỳ ghi nhận {len(f.notable)} phản ánh khẩn cấp hoặc lan rộng:")]
    for report in f.notable:
        blocks.append(Paragraph(
            f"{report.summary} ({report.get_spread_display().lower()}, "
            f"{report.get_urgency_display().lower()}; {report.unit.name}, "
            f"{report.created_at:%d/%m/%Y}).",
            bold_lead=f"- {report.get_topic_display()}:"))
    return Section("II. NHỮNG VẤN ĐỀ NỔI CỘM", blocks)


def examples_and_methods(f: Figures) -> Section:
    t, s = f.trainings, f.surveys
    blocks = [Paragraph(
        f"Trong kỳ đã tổ chức {t['count']} lớp tập huấn, bồi dưỡng với {t['people']} lượt "
        "cộng tác viên tham dự." if t["count"] else
        "Trong kỳ chưa tổ chức lớp tập huấn, bồi dưỡng cộng tác viên nào.",
        bold_lead="1. Tập huấn, bồi dưỡng đội ngũ.")]
    if s.running:
        blocks.append(Paragraph(
            f"Ứng dụng công nghệ thông tin trong khảo sát, thăm dò dư luận: {len(s.running)} "
            f"cuộc khảo sát được triển khai trực tuyến, {_n(s.answered)}/{_n(s.invited)} "
            f"đoàn viên được mời đã trả lời (tỷ lệ {_pct(s.rate, 1)}).",
            bold_lead="2. Khảo sát, thăm dò dư luận."))
        table = Table(caption="Các cuộc khảo sát trong kỳ",
                      header=["Khảo sát", "Đơn vị chủ trì", "Được mời", "Đã trả lời", "Tỷ lệ"],
                      rows=[[x.title, x.owner_unit, _n(x.invited), _n(x.answered),
                             _pct(x.rate, 1)] for x in s.running], numeric_from=2)
        blocks.append(table)
    else:
        blocks.append(Paragraph("Trong kỳ không có cuộc khảo sát nào được triển khai.",
                                bold_lead="2. Khảo sát, thăm dò dư luận."))
    return Section("III. GƯƠNG ĐIỂN HÌNH, CÁCH LÀM MỚI", blocks)


def proposals(f: Figures) -> Section:
    blocks = []
    for report in f.proposals:
        blocks.append(Paragraph(report.proposal, bold_lead=f"- {report.unit.name}:"))
    below = [c.unit.name for c in f.unit_coverage if c.below_target]
    if below:
        blocks.append(Paragraph(
            "Đề nghị các đơn vị chưa đạt chỉ tiêu cộng tác viên trên 100 đoàn viên ("
            + ", ".join(below) + ") rà soát, kiện toàn, bổ sung đội ngũ cộng tác viên."))
    if not blocks:
        blocks.append(Paragraph("Trong kỳ không có kiến nghị, đề xuất mới."))
    return Section("IV. KIẾN NGHỊ, ĐỀ XUẤT", blocks)


def outlook(f: Figures) -> Section:
    rising = [t for t in f.opinions.by_topic if t.current > t.previous and t.current]
    negative = sorted(f.opinions.negative_by_topic.items(), key=lambda kv: -kv[1])
    labels = dict(OpinionReport.Topic.choices)
    blocks = []
    if rising:
        blocks.append(Paragraph(
            "Các chủ đề có số phản ánh tăng cần tiếp tục theo dõi: "
            + "; ".join(f"{str(t.label).lower()} ({t.previous} → {t.current})" for t in rising)
            + "."))
    if negative and negative[0][1]:
        blocks.append(Paragraph(
            "Dư luận tiêu cực tập trung ở các chủ đề: "
            + "; ".join(f"{str(labels.get(k, k)).lower()} ({v} phiếu)" for k, v in negative if v)
            + ". Đề nghị chủ động cung cấp thông tin chính thống, định hướng dư luận kịp thời."))
    blocks.append(Paragraph(
        "Tiếp tục thực hiện Công văn 360/CĐ-ĐHQG: duy trì chế độ phản ánh dư luận định kỳ, "
        "tập huấn cộng tác viên, tổ chức khảo sát các chủ trương, chính sách mới và đối thoại "
        "trực tiếp với viên chức, người lao động."))
    return Section("V. DỰ BÁO, NHỮNG VẤN ĐỀ CẦN QUAN TÂM KỲ TỚI", blocks)


def all_sections(*, scope: Unit, period: Period) -> list[Section]:
    figures = Figures(scope=scope, period=period)
    return [situation(figures), salient_issues(figures), examples_and_methods(figures),
            proposals(figures), outlook(figures)]
