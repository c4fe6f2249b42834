from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaboratorsConfig(AppConfig):
    name = "collaborators"
    verbose_name = _("Collaborators")

    def ready(self) -> None:
        from portal.navigation import MenuEntry, register

        from . import home  # noqa: F401  (registers the home page's to-dos and panels)

        register(MenuEntry(_("Opinion network"), "collaborators:list", "people", order=20,
                           roles=frozenset({"officer"})))
        register(MenuEntry(_("Opinion reports"), "collaborators:report_list", "megaphone",
                           order=21, roles=frozenset({"officer", "collaborator"})))
        register(MenuEntry(_("My trainings"), "collaborators:training_list", "mortarboard",
                           order=22, roles=frozenset({"collaborator"})))
