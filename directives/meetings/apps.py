"""Briefing meetings (hội nghị giao ban dư luận xã hội): dispatch task 4."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MeetingsConfig(AppConfig):
    name = "directives.meetings"
    label = "meetings"
    verbose_name = _("Briefing meetings")

    def ready(self) -> None:
        from dataclasses import fields

        from portal.navigation import MenuEntry, register

        from . import contributions, home  # noqa: F401  (home: to-dos and panels)

        contributions.register()
        extra = {"group": "work"} if "group" in {f.name for f in fields(MenuEntry)} else {}
        register(MenuEntry(pgettext_lazy("menu", "Briefings"), "meetings:list",
                           "calendar-event", order=40, roles=frozenset({"officer"}), **extra))
