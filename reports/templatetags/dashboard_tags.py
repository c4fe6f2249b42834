from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from portal.numbers import format_figure, format_percent

register = template.Library()


@register.simple_tag
def indicator_cell(cell, indicator, link=True):
    """A dashboard figure as a table cell: value, change from the previous period, weak
    marking, link (none where the viewer could not open every record counted, `link`
    false). A simple tag, not an inclusion tag: a large dashboard has hundreds."""

    def show(value):
        if value is None:
            return "—"
        if indicator.suffix == "%":
            return format_percent(value, indicator.decimals)
        return format_figure(value, indicator.decimals) + indicator.suffix

    text = format_html('<a href="{}">{}</a>', cell.url, show(cell.value)) \
        if cell.url and link else show(cell.value)
    change = cell.change
    if change:
        sign = "+" if change > 0 else ""
        text = format_html('{}<div class="small change-{}">{}{}</div>', text,
                           "up" if change > 0 else "down", sign,
                           format_figure(change, indicator.decimals))
    if cell.weak:
        return format_html(
            '<td class="text-end table-danger fw-semibold" title="{}">{}'
            '<span class="visually-hidden"> ({})</span></td>',
            _("Weak: needs attention"), text, _("weak"))
    return format_html('<td class="text-end">{}</td>', mark_safe(text))
