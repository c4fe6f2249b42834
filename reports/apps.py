from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from portal.navigation import MenuEntry, register

        # home registers the home page's to-dos; recovery lets workers sweep lost jobs.
        from . import home, recovery  # noqa: F401
        from .unit_reports import contributions
        from .unit_reports import home as unit_home  # noqa: F401

        contributions.register()

        register(MenuEntry(_("Dashboard"), "reports:dashboard", "speedometer2", order=5,
                           roles=frozenset({"officer"})))
        register(MenuEntry(_("Units’ opinion reports"), "reports:unit_report_list",
                           "journal-text", order=72, roles=frozenset({"officer"}),
                           group="work"))
        register(MenuEntry(_("Reports"), "reports:list", "file-earmark-text", order=70,
                           roles=frozenset({"officer"})))
