"""The opinion network's parts of the official report (slots of `reports.sections.OUTLINE`):
the state of opinion and of the network, the salient issues, trainings, proposals, and what
to watch next period. Every figure comes from this app's selectors and is written by
`portal.numbers`, as on the dashboard."""

from __future__ import annotations

from django.db.models import Count, Q

from portal.contributions import Frame, ReportPart, register_report_part
from portal.documents import Chart, Paragraph, Table
from portal.numbers import format_figure, format_percent

from .contributions import WEAK_TRAINED_SHARE, coverage


def _n(value, decimals: int = 0) -> str:
    return "—" if value is None else format_figure(value, decimals)


def _pct(value, decimals: int = 0) -> str:
    return "—" if value is None else format_percent(value, decimals)


def _change(current: int, previous: int) -> str:
    if current == previous:
        return "không đổi so với kỳ trước"
    word = "tăng" if current > previous else "giảm"
    return f"{word} {abs(current - previous)} so với kỳ trước ({previous})"


def _opinions(frame: Frame):
    from .selectors import opinion_report_counts

    return frame.once("collaborators.opinion_counts", lambda: opinion_report_counts(
        period=frame.period, unit=frame.unit))


def opinion_situation(frame: Frame) -> list:
    from .charts import topic_trend_chart

    o = _opinions(frame)
    lead = "Tình hình tư tưởng, dư luận."
    if not o.total.current:
        return [Paragraph(
            "Trong kỳ, chưa có phiếu phản ánh dư luận nào được gửi qua cổng thông tin "
            f"(kỳ trước: {o.total.previous} phiếu). Đề nghị các đơn vị đôn đốc cộng tác viên "
            "nắm bắt và phản ánh kịp thời.", bold_lead=lead, point=True)]
    top = [t for t in o.by_topic if t.current][:3]
    sentiments = "; ".join(f"{str(t.label).lower()} {t.current}" for t in o.by_sentiment
                           if t.current)
    topics = [t for t in o.by_topic if t.current or t.previous]
    table = Table(
        caption="Phiếu phản ánh dư luận theo chủ đề",
        header=["Chủ đề", "Kỳ này", "Kỳ trước", "Tăng/giảm", "Tiêu cực", "Khẩn cấp"],
        rows=[[str(t.label), _n(t.current), _n(t.previous), f"{t.change:+d}",
               _n(o.negative_by_topic.get(t.key, 0)), _n(o.urgent_by_topic.get(t.key, 0))]
              for t in topics])
    return [
        Paragraph(
            f"Trong kỳ, mạng lưới cộng tác viên đã gửi {o.total.current} phiếu phản ánh dư "
            f"luận, {_change(o.total.current, o.total.previous)}. Theo sắc thái: {sentiments}. "
            "Các chủ đề được quan tâm nhiều nhất: "
            + "; ".join(f"{str(t.label).lower()} ({t.current} phiếu, "
                        f"{_change(t.current, t.previous)})" for t in top) + ".",
            bold_lead=lead, point=True),
        Chart("Phiếu phản ánh dư luận theo chủ đề, kỳ này và kỳ trước",
              topic_trend_chart(o), table),
    ]


def network_situation(frame: Frame) -> list:
    from .charts import ratio_chart
    from .selectors import target_per_100

    figures = coverage(frame)
    total = figures[frame.unit.pk]
    blocks: list = [Paragraph(
        f"Toàn phạm vi có {_n(total.collaborators)} cộng tác viên dư luận xã hội đang hoạt "
        f"động trên {_n(total.members)} đoàn viên, đạt {_n(total.per_100, 1)} cộng tác viên "
        f"trên 100 đoàn viên (chỉ tiêu {_n(target_per_100(), 1)}); "
        f"{_pct(total.trained_share)} cộng tác viên được tập huấn trong 12 tháng qua.",
        bold_lead="Đội ngũ cộng tác viên dư luận xã hội.", point=True)]
    below = [figures[unit.pk] for unit in frame.children]
    if below:
        rows, weak = [], set()
        for r, c in enumerate(below):
            rows.append([c.unit.name, _n(c.members), _n(c.collaborators), _n(c.per_100, 1),
                         _pct(c.trained_share)])
            if c.below_target or c.per_100 is None:
                weak.add((r, 3))
            if c.trained_share is not None and c.trained_share < WEAK_TRAINED_SHARE:
                weak.add((r, 4))
        table = Table(caption="Độ bao phủ cộng tác viên theo đơn vị",
                      header=["Đơn vị", "Đoàn viên", "Cộng tác viên", "CTV/100 ĐV",
                              "Đã tập huấn"], rows=rows, weak_cells=frozenset(weak))
        blocks.append(Chart("Số cộng tác viên trên 100 đoàn viên (đường đứt: chỉ tiêu)",
                            ratio_chart(below), table))
    return blocks


def salient_issues(frame: Frame) -> list:
    from .selectors import notable_reports

    notable = notable_reports(period=frame.period, unit=frame.unit, limit=12)
    if not notable:
        return []
    blocks = [Paragraph(f"Trong kỳ ghi nhận {len(notable)} phản ánh khẩn cấp hoặc lan rộng:")]
    for report in notable:
        blocks.append(Paragraph(
            f"{report.summary} ({report.get_spread_display().lower()}, "
            f"{report.get_urgency_display().lower()}; {report.unit.name}, "
            f"{report.created_at:%d/%m/%Y}).",
            bold_lead=f"- {report.get_topic_display()}:"))
    return blocks


def trainings(frame: Frame) -> list:
    from .models import Training

    t = (Training.objects.filter(held_on__gte=frame.period.start, held_on__lte=frame.period.end,
                                 organiser__path__startswith=frame.unit.path)
         .aggregate(count=Count("pk", distinct=True),
                    people=Count("attendances", distinct=True),
                    units=Count("organiser", distinct=True, filter=Q(pk__isnull=False))))
    return [Paragraph(
        f"Trong kỳ đã tổ chức {t['count']} lớp tập huấn, bồi dưỡng với {t['people']} lượt "
        "cộng tác viên tham dự." if t["count"] else
        "Trong kỳ chưa tổ chức lớp tập huấn, bồi dưỡng cộng tác viên nào.",
        bold_lead="Tập huấn, bồi dưỡng đội ngũ.", point=True)]


def proposals(frame: Frame) -> list:
    from .models import OpinionReport

    start, end = frame.period.bounds
    filed = (OpinionReport.objects.filter(unit__path__startswith=frame.unit.path,
                                          created_at__gte=start, created_at__lt=end)
             .exclude(proposal="").select_related("unit").order_by("-created_at")[:10])
    blocks = [Paragraph(report.proposal, bold_lead=f"- {report.unit.name}:")
              for report in filed]
    figures = coverage(frame)
    below = [figures[unit.pk].unit.name for unit in frame.children
             if figures[unit.pk].below_target]
    if below:
        blocks.append(Paragraph(
            "Đề nghị các đơn vị chưa đạt chỉ tiêu cộng tác viên trên 100 đoàn viên ("
            + ", ".join(below) + ") rà soát, kiện toàn, bổ sung đội ngũ cộng tác viên."))
    return blocks


def outlook(frame: Frame) -> list:
    from .models import OpinionReport

    o = _opinions(frame)
    rising = [t for t in o.by_topic if t.current > t.previous and t.current]
    negative = sorted(o.negative_by_topic.items(), key=lambda kv: -kv[1])
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
    return blocks


def register() -> None:
    for part in (ReportPart("situation", 10, opinion_situation),
                 ReportPart("situation", 20, network_situation),
                 ReportPart("issues", 10, salient_issues),
                 ReportPart("methods", 10, trainings),
                 ReportPart("proposals", 10, proposals),
                 ReportPart("outlook", 10, outlook)):
        register_report_part(part)
