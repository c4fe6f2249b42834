"""Who is reminded of what, once (`portal.reminders.send_once` keeps what was sent):

- the organiser, when a session is five working days or fewer away and its agenda is not
  marked sent ("agenda");
- the organiser, when the summary is not published three working days after the session
  ("summary");
- the person in charge of a commitment (or the unit's officers), when it falls due within
  the reminder window ("due-soon") or is past due ("overdue")."""

from __future__ import annotations

from datetime import date, timedelta
from typing import cast

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import User
from portal.reminders import absolute_url, officers_of, send_once, tracked_reminders
from portal.workdays import working_days_between

from ..models import Commitment, DialogueSession
from .querysets import day_start

LOOK_BACK_DAYS = 60  # older sessions without a summary are left to the home page's list


def agenda_working_days() -> int:
    return getattr(settings, "DIALOGUE_AGENDA_WORKING_DAYS", 5)


def summary_working_days() -> int:
    return getattr(settings, "DIALOGUE_SUMMARY_WORKING_DAYS", 3)


def commitment_working_days() -> int:
    return getattr(settings, "DIALOGUE_COMMITMENT_REMINDER_WORKING_DAYS", 3)


def _organisers(session: DialogueSession) -> list[User]:
    organiser = session.organiser
    if organiser and organiser.is_active and organiser.email:
        return [organiser]
    return officers_of(session.unit)




def agenda_due(today: date) -> list[DialogueSession]:
    days = agenda_working_days()
    upcoming = (DialogueSession.objects.filter(
        agenda_sent_on__isnull=True, starts_at__gte=day_start(today),
        starts_at__lt=day_start(today + timedelta(days=days * 2 + 10)))
        .select_related("unit", "organiser"))
    return [s for s in upcoming
            if working_days_between(today, timezone.localtime(s.starts_at).date()) <= days]


def summary_due(today: date) -> list[DialogueSession]:
    days = summary_working_days()
    held = (DialogueSession.objects.filter(
        summary_published_at__isnull=True, starts_at__lt=day_start(today),
        starts_at__gte=day_start(today - timedelta(days=LOOK_BACK_DAYS)))
        .select_related("unit", "organiser"))
    return [s for s in held
            if working_days_between(timezone.localtime(s.starts_at).date(), today) >= days]


def send_due_reminders(today: date | None = None) -> int:
    """Every reminder due today, each at most once; returns how many were sent."""
    today = today or timezone.localdate()
    sent = 0
    for session in agenda_due(today):
        sent += send_once(
            today=today, item=session, kind="agenda", recipients=_organisers(session),
            subject=_("Send the agenda of the dialogue session: %(title)s")
            % {"title": session.title},
            body=_("The dialogue session “%(title)s” of %(unit)s is on %(day)s. Send its "
                   "agenda to the participants at least %(n)s working days ahead, then mark "
                   "it sent: %(url)s")
            % {"title": session.title, "unit": session.unit.name,
               "day": f"{timezone.localtime(session.starts_at):%d/%m/%Y %H:%M}",
               "n": agenda_working_days(), "url": absolute_url(session.get_absolute_url())})
    for session in summary_due(today):
        sent += send_once(
            today=today, item=session, kind="summary", recipients=_organisers(session),
            subject=_("Publish the summary of the dialogue session: %(title)s")
            % {"title": session.title},
            body=_("The dialogue session “%(title)s” of %(unit)s was held on %(day)s and its "
                   "summary is not published to the members yet (within %(n)s working days "
                   "is the rule): %(url)s")
            % {"title": session.title, "unit": session.unit.name,
               "day": f"{timezone.localtime(session.starts_at):%d/%m/%Y}",
               "n": summary_working_days(),
               "url": absolute_url(reverse("dialogue:session_publish", args=[session.pk]))})
    items = Commitment.objects.select_related("unit", "owner", "session")
    for found, kind in tracked_reminders(items, today=today,
                                         before_working_days=commitment_working_days()):
        commitment = cast(Commitment, found)
        owner = commitment.owner
        recipients = ([owner] if owner and owner.is_active and owner.email
                      else officers_of(commitment.unit))
        late = kind == "overdue"
        sent += send_once(
            today=today, item=commitment, kind=kind, recipients=recipients,
            subject=(_("A dialogue commitment is overdue: %(title)s") if late
                     else _("A dialogue commitment falls due soon: %(title)s"))
            % {"title": commitment.title},
            body=_("Commitment “%(title)s” (%(who)s), made at “%(session)s”, is due on "
                   "%(day)s. Record its progress: %(url)s")
            % {"title": commitment.title, "who": commitment.responsible,
               "session": commitment.session.title, "day": f"{commitment.due_on:%d/%m/%Y}",
               "url": absolute_url(reverse("dialogue:commitment_edit", args=[commitment.pk]))})
    return sent
