from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def indicator_cell(cell, indicator):
    """A dashboard figure as a table cell: value, change from the previous period, weak
    marking, link. A simple tag, not an inclusion tag: a large dashboard has hundreds."""

    def show(value):
        if value is None:
            return "—"
        return number_format(value, indicator.decimals, force_grouping=True) + indicator.suffix

    text = format_html('<a href="{}">{}</a>', cell.url, show(cell.value)) if cell.url \
        else show(cell.value)
    change = cell.change
    if change:
        sign = "+" if change > 0 else ""
        text = format_html('{}<div class="small change-{}">{}{}</div>', text,
                           "up" if change > 0 else "down", sign,
                           number_format(change, indicator.decimals))
    if cell.weak:
        return format_html(
            '<td class="text-end table-danger fw-semibold" title="{}">{}'
            '<span class="visually-hidden"> ({})</span></td>',
            _("Weak: needs attention"), text, _("weak"))
    return format_html('<td class="text-end">{}</td>', mark_safe(text))
