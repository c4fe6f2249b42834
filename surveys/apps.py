from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from portal.navigation import MenuEntry, register

        from . import contributions, home  # noqa: F401  (home: to-dos and panels)

        contributions.register()  # the dashboard's columns and panels, the data version

        register(MenuEntry(_("Surveys"), "surveys:list", "clipboard-data", order=30,
                           roles=frozenset({"officer"})))
        register(MenuEntry(_("My surveys"), "surveys:mine", "ui-checks", order=31,
                           roles=frozenset({"member", "collaborator"})))
