"""What the home page shows about briefing meetings: the follow-up actions a person is in
charge of (and, for an officer, their units' actions), overdue first."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.home import Panel, register_panel, register_todos
from portal.tracking import tracked_todos

from .models import Action

register_todos(tracked_todos(
    model=Action, overdue_label=_("Overdue follow-up actions of briefing meetings"),
    due_label=_("Follow-up actions of briefing meetings due within 7 days"),
    url=lambda due: f"{reverse('meetings:actions')}?due={due}"))


@register_panel
def _my_actions(user) -> Panel | None:
    """The open actions a person is in charge of, wherever they come from."""
    if not user.is_authenticated:
        return None
    mine = Action.objects.filter(owner=user).open()
    items = list(mine.select_related("meeting", "meeting__unit").order_by("due_on", "pk")[:5])
    if not items:
        return None
    return Panel(_("My follow-up actions"), "meetings/panels/_mine.html", {
        "items": items, "count": mine.count(), "today": timezone.localdate()}, order=30)
