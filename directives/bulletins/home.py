"""The home page's panel of official information: what is addressed to the person, live,
unread first; and an officer's questions waiting for an answer."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.home import Panel, Todo, register_panel, register_todos


@register_panel
def _bulletins(user) -> Panel | None:
    from .selectors import unread_live

    if not user.unit_id:
        return None
    bulletins, unread = unread_live(user)
    if not bulletins:
        return None
    return Panel(_("Official information"), "bulletins/panels/_mine.html",
                 {"bulletins": bulletins, "unread": unread}, order=2)


@register_todos
def _questions(user) -> list[Todo]:
    from .models import BulletinQuestion

    if not user.is_officer:
        return []
    waiting = BulletinQuestion.objects.changeable_by(user).filter(answer="").count()
    if not waiting:
        return []
    return [Todo(_("Questions about bulletins waiting for an answer"),
                 reverse("bulletins:manage"), waiting, "warning")]
