"""What the home page shows about the good-practice library: the newest endorsed ones."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from portal.home import Panel, register_panel


@register_panel
def _endorsed(user) -> Panel | None:
    from .selectors import newest_endorsed

    practices = newest_endorsed(4)
    if not practices:
        return None
    return Panel(_("Good practices to replicate"), "practices/panels/_endorsed.html",
                 {"practices": practices}, order=60)
