from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (for pagination, sorting)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        params[key] = value
    return params.urlencode()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.inclusion_tag("includes/_stat.html")
def stat(label, value, hint="", url=""):
    """A labelled figure for dashboards and home panels."""
    return {"label": label, "value": value, "hint": hint, "url": url}


@register.filter
def figure(value, places=0):
    """`{{ value|figure:1 }}`: the one rounding and writing of a figure (portal.numbers);
    "—" when there is none."""
    from portal.numbers import format_figure

    return format_figure(value, int(places)) or "—"


@register.filter
def pct(value, places=0):
    """`{{ rate|pct }}` → "56 %": a percentage as every page, chart and report writes it."""
    from portal.numbers import format_percent

    return format_percent(value, int(places)) or "—"


@register.filter
def markup(text):
    """`{{ bulletin.body|markup }}`: the markdown subset as sanitised HTML (portal.markup)."""
    from portal.markup import render

    return render(text)
