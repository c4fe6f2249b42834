"""Bulletins of official information that orient opinion: dispatch tasks 1, 3 and 4."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class BulletinsConfig(AppConfig):
    name = "directives.bulletins"
    label = "bulletins"
    verbose_name = _("Official information")

    def ready(self) -> None:
        from portal.navigation import MenuEntry, register

        from . import contributions, home  # noqa: F401  (home: panel and to-dos)

        contributions.register()
        # Everyone: members read what is addressed to them here too.
        register(MenuEntry(pgettext_lazy("menu", "Information"), "bulletins:list", "broadcast",
                           order=25, group="work"))
