"""What the home page shows about dialogue sessions: an officer's overdue and due
commitments and the summaries still to publish; a member's link to the progress page."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.home import Panel, Todo, register_panel, register_todos
from portal.tracking import tracked_todos

from ..models import Commitment, DialogueSession
from .selectors import public_progress

RECENT_DAYS = 60  # a session older than this without a summary is no longer a to-do


def _commitments_url(which: str) -> str:
    return reverse("dialogue:commitment_list") + ("?state=overdue" if which == "overdue"
                                                  else "?state=due")


def _summaries(user) -> list[Todo]:
    if not getattr(user, "is_officer", False):
        return []
    now = timezone.now()
    waiting = (DialogueSession.objects.changeable_by(user)
               .filter(starts_at__lt=now, starts_at__gte=now - timedelta(days=RECENT_DAYS),
                       summary_published_at__isnull=True).count())
    if not waiting:
        return []
    return [Todo(_("Dialogue sessions whose summary is not published yet"),
                 reverse("dialogue:session_list"), waiting, "warning")]


def _progress(user) -> Panel | None:
    if not getattr(user, "is_authenticated", False) or user.is_officer or user.is_committee:
        return None
    if not user.unit_id:
        return None
    data = public_progress(user)
    return Panel(_("Dialogue and commitments"), "dialogue/sessions/panels/_progress.html",
                 {"total": data.total, "done": data.done}, order=40)


def register() -> None:
    register_todos(tracked_todos(model=Commitment,
                                 overdue_label=_("Dialogue commitments overdue"),
                                 due_label=_("Dialogue commitments due soon"),
                                 url=_commitments_url))
    register_todos(_summaries)
    register_panel(_progress)
