from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DirectivesConfig(AppConfig):
    name = "directives"
    verbose_name = _("Directives")

    def ready(self) -> None:
        from portal.navigation import MenuEntry, register

        from . import contributions, home, tasks  # noqa: F401  (home: to-dos; tasks: Celery)

        contributions.register()
        register(MenuEntry(pgettext_lazy("menu", "Directives"), "directives:list",
                           "list-check", order=30, roles=frozenset({"officer"}), group="work"))
