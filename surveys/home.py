"""What the home page shows about surveys: surveys to answer, and for officers the running
surveys whose response rate needs a reminder."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.home import Panel, Todo, register_panel, register_todos

LOW_RATE = 50  # percent; below this, with the close near, an officer should remind
CLOSING_SOON = timedelta(days=3)


@register_todos
def _to_answer(user) -> list[Todo]:
    from .selectors import member_surveys

    waiting = member_surveys(user).to_answer
    if not waiting:
        return []
    url = (reverse("surveys:answer_open", args=[waiting[0].pk]) if len(waiting) == 1
           else reverse("surveys:mine"))
    return [Todo(_("Surveys waiting for your answer"), url, count=len(waiting), level="info")]


def _running(user):
    from .models import Survey
    from .selectors import survey_list

    if not (user.is_committee or user.is_officer):
        return []
    return list(survey_list(user).filter(status=Survey.Status.OPEN,
                                         closes_at__gt=timezone.now())
                .order_by("closes_at")[:8])


@register_todos
def _low_response(user) -> list[Todo]:
    soon = timezone.now() + CLOSING_SOON
    low = [s for s in _running(user)
           if s.closes_at <= soon and s.invited and s.answered * 100 < LOW_RATE * s.invited]
    if not low:
        return []
    return [Todo(_("Surveys closing within 3 days with fewer than half answered: send a "
                   "reminder"), low[0].get_absolute_url(), count=len(low), level="warning")]


@register_panel
def _running_panel(user) -> Panel | None:
    running = _running(user)
    if not running:
        return None
    return Panel(_("Surveys running"), "surveys/panels/_running.html", {"surveys": running},
                 order=40)
