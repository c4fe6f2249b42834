"""The good-practice library and its adoptions by other units: dispatch task 6."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PracticesConfig(AppConfig):
    name = "directives.practices"
    label = "practices"
    verbose_name = _("Good practices")

    def ready(self) -> None:
        from portal import demo
        from portal.navigation import MenuEntry, register

        from . import contributions, home, seed  # noqa: F401  (home: the panel)

        contributions.register()
        demo.register("practices", seed.seed)
        register(MenuEntry(pgettext_lazy("menu", "Good practices"), "practices:library",
                           "lightbulb", order=60, group="work"))
