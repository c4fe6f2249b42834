"""What the home page shows about inspections: recommendations to answer (the inspected
unit's officers and the people in charge) and answers to review (the team's side)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.home import Todo, register_todos
from portal.tracking import tracked_todos

from .models import Recommendation


def _list(show: str) -> str:
    return reverse("inspections:recommendations") + f"?loc={show}"


register_todos(tracked_todos(
    model=Recommendation, overdue_label=_("Overdue inspection recommendations to answer"),
    due_label=_("Inspection recommendations due within 7 days"), url=_list))


@register_todos
def _to_review(user) -> list[Todo]:
    if not getattr(user, "is_authenticated", False) or not (user.is_committee
                                                            or user.is_officer):
        return []
    waiting = Recommendation.objects.to_review().reviewed_by_team_of(user).count()
    if not waiting:
        return []
    return [Todo(_("Answers to inspection recommendations waiting for your review"),
                 _list("review"), waiting, "info")]
