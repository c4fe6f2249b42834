"""What dialogue sessions register: menu, home to-dos, contributions, demo seed."""


def register() -> None:
    from django.utils.translation import gettext_lazy as _

    from portal.navigation import MenuEntry
    from portal.navigation import register as register_menu

    from .sessions import contributions, home, seed

    register_menu(MenuEntry(_("Dialogue"), "dialogue:session_list", "chat-square-text",
                            order=44, roles=frozenset({"officer"}), group="work"))
    home.register()
    contributions.register()
    seed.register()
