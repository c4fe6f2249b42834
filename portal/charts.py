"""The one chart renderer: plain SVG made on the server.

Pages embed it inline and the PDF reports embed the same markup, so a chart looks the same
on a phone, on a desktop and on paper, and needs no JavaScript. Every chart carries a
<title> and an aria-label, and its figures are also written as text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from .numbers import format_figure, format_percent, percent

PALETTE = ["#1d4e89", "#e07a1f", "#2e8b57", "#b23a48", "#6a4c93", "#8a8a8a", "#d4a017",
           "#0f7c8c"]
# Colours that mean something, for series that are good or bad news: a negative sentiment
# or an urgent report is never drawn in green.
GOOD, NEUTRAL, WARNING, BAD = "#2e7d32", "#6c757d", "#c05a00", "#b23a48"
FONT = "font-family=\"Liberation Sans, DejaVu Sans, Arial, sans-serif\""


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]
    color: str | None = None


def _number(value: float, decimals: int, suffix: str = "") -> str:
    """A value label as the pages and reports write it (portal.numbers: half up)."""
    if suffix.strip() == "%":
        return format_percent(value, decimals)
    return format_figure(value, decimals) + suffix


CHAR_WIDTH = 6.2  # average width of a 12 px character, for fitting labels


def _fit(label: str, width: float) -> str:
    """The label, cut with an ellipsis where it would not fit in `width` pixels."""
    room = max(4, int(width / CHAR_WIDTH))
    return label if len(label) <= room else label[: room - 1].rstrip() + "…"


def _wrap(label: str, width: float, max_lines: int = 3) -> list[str]:
    """Words of the label in lines that fit `width` pixels (the last one cut if needed)."""
    room = max(4, int(width / (CHAR_WIDTH * 0.92)))
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[: max_lines - 1] + [_fit(" ".join(lines[max_lines - 1:]), width)]
    return [_fit(line, width) for line in lines] or [""]


def _svg(width: int, height: int, title: str, body: list[str]) -> SafeString:
    label = escape(title)
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" role="img" aria-label="{label}" '
        f'{FONT} font-size="12"><title>{label}</title>{"".join(body)}</svg>'
    )


def bar_chart(
    items: Sequence[tuple[str, float]],
    *,
    title: str,
    suffix: str = "",
    decimals: int = 0,
    max_value: float | None = None,
    target: float | None = None,
    highlight: set[str] | frozenset[str] = frozenset(),
    width: int = 640,
) -> SafeString:
    """Horizontal bars, one per item, with the value written at the end of each bar.

    `target` draws a dashed line (e.g. the required ratio); labels in `highlight` are drawn
    in the warning colour (e.g. units below target)."""
    label_width = min(width * 0.45, max((len(label) for label, _ in items), default=4)
                      * CHAR_WIDTH + 10)
    row, top = 24, 8
    height = top + row * max(len(items), 1) + 8
    plot = width - label_width - 70
    peak = max([max_value or 0, target or 0, *(v for _, v in items)]) or 1
    body: list[str] = []
    for i, (label, value) in enumerate(items):
        y = top + i * row
        bar = max(0.0, value) / peak * plot
        color = "#b23a48" if label in highlight else PALETTE[0]
        body.append(
            f'<text x="{label_width - 6:.1f}" y="{y + 16}" text-anchor="end">'
            f"<title>{escape(label)}</title>{escape(_fit(label, label_width - 8))}</text>"
            f'<rect x="{label_width}" y="{y + 4}" width="{bar:.1f}" height="{row - 8}" '
            f'fill="{color}" rx="2"/>'
            f'<text x="{label_width + bar + 4:.1f}" y="{y + 16}">'
            f"{escape(_number(value, decimals, suffix))}</text>"
        )
    if target is not None:
        x = label_width + target / peak * plot
        body.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{height - 6}" stroke="#444" '
            f'stroke-dasharray="4 3"/>'
        )
    if not items:
        body.append(f'<text x="{width / 2}" y="{height / 2 + 4}" text-anchor="middle" '
                    f'fill="#666">—</text>')
    return _svg(width, height, title, body)


def stacked_bar(
    parts: Sequence[tuple[str, float]],
    *,
    title: str,
    width: int = 640,
    decimals: int = 0,
    colors: Sequence[str | None] = (),
) -> SafeString:
    """One bar split into shares (a composition), with a legend giving count and percent.

    `colors` gives a part its meaning (GOOD, WARNING, BAD...); parts without one take the
    palette in turn."""
    total = sum(v for _, v in parts)
    fills = [(colors[i] if i < len(colors) else None) or PALETTE[i % len(PALETTE)]
             for i in range(len(parts))]
    body: list[str] = []
    x = 0.0
    for (_, value), fill in zip(parts, fills, strict=True):
        w = value / (total or 1) * width
        body.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="26" fill="{fill}"/>')
        x += w
    columns = 2 if width < 500 else 3
    for i, ((label, value), fill) in enumerate(zip(parts, fills, strict=True)):
        cx, cy = (i % columns) * (width / columns), 44 + (i // columns) * 20
        share = format_percent(percent(value, total))
        body.append(
            f'<rect x="{cx:.1f}" y="{cy - 10}" width="10" height="10" fill="{fill}"/>'
            f'<text x="{cx + 14:.1f}" y="{cy}">{escape(label)}: '
            f"{escape(_number(value, decimals))} ({escape(share)})</text>"
        )
    height = 44 + ((len(parts) + columns - 1) // columns) * 20
    return _svg(width, height, title, body)


def column_chart(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    width: int = 640,
    height: int = 220,
    decimals: int = 0,
) -> SafeString:
    """Grouped vertical columns: one group per label (a period, a choice), one column per
    series (this period and the previous one, say), with a legend when there are several."""
    left, top = 36, 10
    plot_w = width - left - 8
    group_w = plot_w / max(len(labels), 1)
    wrapped = [_wrap(label, group_w - 4) for label in labels]
    bottom = 8 + 13 * max((len(lines) for lines in wrapped), default=1)
    legend = 18 if len(series) > 1 else 0
    plot_h = height - bottom - top - legend
    peak = max((v for s in series for v in s.values), default=0) or 1
    col_w = max(2.0, (group_w - 8) / max(len(series), 1))
    body: list[str] = [
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 8}" y2="{top + plot_h}" '
        f'stroke="#999"/>'
    ]
    for gi, label in enumerate(labels):
        gx = left + gi * group_w + 4
        for si, s in enumerate(series):
            value = s.values[gi] if gi < len(s.values) else 0
            h = max(0.0, value) / peak * plot_h
            color = s.color or PALETTE[si % len(PALETTE)]
            x = gx + si * col_w
            body.append(f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{col_w - 2:.1f}" '
                        f'height="{h:.1f}" fill="{color}"/>')
            body.append(f'<text x="{x + (col_w - 2) / 2:.1f}" y="{top + plot_h - h - 3:.1f}" '
                        f'text-anchor="middle" font-size="10">'
                        f"{escape(_number(value, decimals))}</text>")
        lines = "".join(
            f'<tspan x="{gx + group_w / 2 - 4:.1f}" dy="{0 if i == 0 else 13}">'
            f"{escape(line)}</tspan>" for i, line in enumerate(wrapped[gi]))
        body.append(f'<text y="{top + plot_h + 14}" text-anchor="middle" font-size="11">'
                    f"<title>{escape(label)}</title>{lines}</text>")
    if legend:
        for si, s in enumerate(series):
            lx = left + si * 160
            color = s.color or PALETTE[si % len(PALETTE)]
            body.append(f'<rect x="{lx}" y="{height - 14}" width="10" height="10" '
                        f'fill="{color}"/><text x="{lx + 14}" y="{height - 5}">'
                        f"{escape(s.name)}</text>")
    return _svg(width, height, title, body)
