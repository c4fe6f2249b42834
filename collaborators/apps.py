from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CollaboratorsConfig(AppConfig):
    name = "collaborators"
    verbose_name = _("Collaborators")

    def ready(self) -> None:
        from portal.navigation import MenuEntry, register

        from . import contributions, home  # noqa: F401  (home: to-dos and panels)

        contributions.register()  # the dashboard's columns and panels, the data version

        # Short labels: the menu bar is shared by every app.
        register(MenuEntry(pgettext_lazy("menu", "Opinion network"), "collaborators:list",
                           "people", order=20, roles=frozenset({"officer"})))
        register(MenuEntry(pgettext_lazy("menu", "Opinion reports"), "collaborators:report_list",
                           "megaphone", order=21, roles=frozenset({"officer", "collaborator"})))
        register(MenuEntry(_("My trainings"), "collaborators:training_list", "mortarboard",
                           order=22, roles=frozenset({"collaborator"})))
