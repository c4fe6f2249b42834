from django import template
from django.utils.formats import number_format

register = template.Library()


@register.inclusion_tag("reports/_cell.html")
def indicator_cell(cell, indicator):
    """A dashboard figure: value, change from the previous period, weak marking, link."""
    def show(value):
        if value is None:
            return "—"
        return number_format(value, indicator.decimals, force_grouping=True) + indicator.suffix

    change = cell.change
    return {
        "cell": cell, "text": show(cell.value),
        "change": None if not change else (("+" if change > 0 else "")
                                           + number_format(change, indicator.decimals)),
        "direction": "up" if change and change > 0 else "down" if change and change < 0 else "",
    }
