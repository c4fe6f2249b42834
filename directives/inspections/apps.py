from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class InspectionsConfig(AppConfig):
    name = "directives.inspections"
    label = "inspections"
    verbose_name = _("Inspections and reviews")

    def ready(self) -> None:
        from portal.navigation import MenuEntry, register

        from . import contributions, home  # noqa: F401  (home: the to-dos)

        contributions.register()  # dashboard column and panel, report part, document
        register(MenuEntry(pgettext_lazy("menu", "Inspections"), "inspections:index",
                           "clipboard-check", order=45, roles=frozenset({"officer"}),
                           group="work"))
