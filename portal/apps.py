from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from . import navigation, workdays, worker_signals  # noqa: F401

        navigation.register_core_entries()
        from . import signals

        signals.connect()
