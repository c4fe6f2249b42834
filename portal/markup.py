"""A small markdown subset, rendered and sanitised on the server.

Bulletins and good practices are written by officers and read by everyone. The text is
stored as written; what a page shows is :func:`render`, which turns markdown into HTML and
keeps only a short list of harmless tags. Script, event handlers, styles, frames, images
and every other way to run code or load remote content are removed, not escaped: the
reader sees the words, never the attack.

Links may point inside the portal (a path) or to an ``http``/``https``/``mailto`` address;
they open with ``rel="noopener noreferrer nofollow"``.
"""

from __future__ import annotations

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

#: What the subset keeps. Headings start at h3: the page's own title is h1, sections h2.
TAGS = frozenset(
    {
        "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote",
        "h3", "h4", "a", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td",
    }
)
ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})

_HEADING_SHIFT = {"<h1>": "<h3>", "</h1>": "</h3>", "<h2>": "<h3>", "</h2>": "</h3>"}


def _shift_headings(html: str) -> str:
    for old, new in _HEADING_SHIFT.items():
        html = html.replace(old, new)
    return html


def clean_html(html: str) -> str:
    """Keep only the subset's tags and attributes; drop dangerous content entirely."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        clean_content_tags={"script", "style", "iframe", "object", "embed", "svg", "math",
                            "template"},
        strip_comments=True,
    )


def render(text: str) -> SafeString:
    """The page's HTML for ``text`` written in the markdown subset."""
    html = markdown.markdown(text or "", extensions=["sane_lists", "tables"], output_format="html")
    return mark_safe(clean_html(_shift_headings(html)))  # noqa: S308 - cleaned just above


def plain(text: str, *, limit: int | None = None) -> str:
    """The words alone, for an email, a list's summary line or a search index."""
    words = " ".join(nh3.clean(markdown.markdown(text or ""), tags=set()).split())
    if limit is not None and len(words) > limit:
        return words[: limit - 1].rstrip() + "…"
    return words
