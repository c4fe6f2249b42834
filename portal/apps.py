from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from . import navigation, signals, workdays, worker_signals  # noqa: F401
        from .contributions import register_data_version

        navigation.register_core_entries()
        signals.connect()
        register_data_version("portal", _units_version)


def _units_version() -> tuple:
    """Units and their member counts: every dashboard figure is per unit."""
    from django.db.models import Count, Q, Sum

    from .contributions import table_version
    from .models import Unit

    return table_version(Unit, members=Sum("member_count"),
                         active=Count("pk", filter=Q(is_active=True)))
