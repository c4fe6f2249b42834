from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "directives.dialogue"
    label = "dialogue"
    verbose_name = _("Dialogue and grievances")

    def ready(self) -> None:
        # Two halves of one area, each registering its own menu, home, contributions, seed.
        from . import setup_cases, setup_sessions

        setup_sessions.register()
        setup_cases.register()
