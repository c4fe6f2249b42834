"""Writes of briefing meetings: keyword-only, atomic, checked before saving.

Every write checks first that the actor may change the meeting's unit
(`portal.permissions.require_change`), then what the data says: the linked opinion reports
and surveys must be ones the actor sees, attendees and owners accounts of the unit (guests
come by name), an action needs an owner and a deadline. A refused write stores nothing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.models import Unit, User
from portal.permissions import require_change
from portal.text import nfc

from .models import Action, AgendaItem, Attendance, Meeting

MEETING_FIELDS = ("unit", "kind", "group", "starts_at", "ends_at", "place", "chair",
                  "secretary", "minutes")


def in_unit(person: User, unit: Unit) -> bool:
    """Whether an account belongs to the unit or a unit below it (the committee belongs to
    the university union's meetings)."""
    if unit.parent_id is None and person.is_committee:
        return True
    return bool(person.unit_id and person.unit is not None
                and person.unit.path.startswith(unit.path))


def _linked(meeting: Meeting, data: Mapping[str, Any], by: User) -> None:
    """Only opinion reports and surveys the actor sees may be linked."""
    from collaborators.models import OpinionReport
    from surveys.models import Survey

    for field, model in (("opinion_reports", OpinionReport), ("surveys", Survey)):
        if field not in data:
            continue
        chosen = list(data[field])
        seen = set(model.objects.visible_to(by).filter(pk__in=[o.pk for o in chosen])
                   .values_list("pk", flat=True))
        if any(o.pk not in seen for o in chosen):
            raise ValidationError({field: _("Link only records your units can see.")},
                                  code="unseen")
        getattr(meeting, field).set(chosen)


def _agenda(meeting: Meeting, items: Iterable[str]) -> None:
    titles = [nfc(t).strip() for t in items if t and t.strip()]
    for title in titles:
        if len(title) > 300:
            raise ValidationError({"agenda": _("An agenda item is at most 300 characters.")},
                                  code="long")
    meeting.agenda.all().delete()
    AgendaItem.objects.bulk_create(AgendaItem(meeting=meeting, position=i, title=t)
                                   for i, t in enumerate(titles, start=1))


def _save(meeting: Meeting, data: Mapping[str, Any], by: User) -> Meeting:
    for field in MEETING_FIELDS:
        if field in data:
            setattr(meeting, field, data[field])
    require_change(by, meeting.unit)  # the unit it now belongs to
    if meeting.kind != Meeting.Kind.THEMATIC:
        meeting.group = ""
    meeting.level = Meeting.level_for(meeting.unit)
    meeting._history_user = by  # type: ignore[attr-defined]
    meeting.full_clean()
    meeting.save()
    if "agenda" in data:
        _agenda(meeting, data["agenda"])
    _linked(meeting, data, by)
    return meeting


@transaction.atomic
def meeting_create(*, data: Mapping[str, Any], by: User) -> Meeting:
    require_change(by, data["unit"])
    return _save(Meeting(created_by=by), data, by)


@transaction.atomic
def meeting_update(*, meeting: Meeting, data: Mapping[str, Any], by: User) -> Meeting:
    require_change(by, meeting.unit)  # the unit it belongs to before the change
    return _save(meeting, data, by)


@transaction.atomic
def meeting_set_attendance(*, meeting: Meeting, accounts: Mapping[User, tuple[str, str]],
                           guests: Iterable[tuple[str, str]], by: User) -> int:
    """Replace the meeting's attendance: `accounts` maps each account listed to its
    (status, reason); `guests` are (name, position) of guests, present. Returns how many
    people are recorded."""
    require_change(by, meeting.unit)
    rows = []
    for person, (status, reason) in accounts.items():
        if not in_unit(person, meeting.unit):
            raise ValidationError(_("%(name)s is not an account of %(unit)s; add people from "
                                    "outside the unit as guests, by name.")
                                  % {"name": person, "unit": meeting.unit.name},
                                  code="outside")
        rows.append(Attendance(meeting=meeting, account=person, status=status,
                               reason=nfc(reason).strip() if status != "present" else ""))
    for name, title in guests:
        rows.append(Attendance(meeting=meeting, guest_name=nfc(name).strip(),
                               guest_title=nfc(title).strip()))
    for row in rows:
        row.full_clean(exclude=["meeting"])
    meeting.attendance.all().delete()
    for row in rows:
        row._history_user = by  # type: ignore[attr-defined]
        row.save()
    return len(rows)


@transaction.atomic
def action_create(*, meeting: Meeting, title: str, owner: User | None, due_on: date | None,
                  by: User) -> Action:
    """A follow-up action of a meeting, in the meeting's unit."""
    require_change(by, meeting.unit)
    errors = {}
    if owner is None:
        errors["owner"] = _("Choose the person in charge of the action.")
    elif not in_unit(owner, meeting.unit):
        errors["owner"] = _("The person in charge must be an account of %(unit)s.") % {
            "unit": meeting.unit.name}
    if due_on is None:
        errors["due_on"] = _("Give the action's deadline.")
    if errors or due_on is None:
        raise ValidationError(errors)
    action = Action(meeting=meeting, unit=meeting.unit, owner=owner, due_on=due_on,
                    title=nfc(title or "").strip())
    action._history_user = by  # type: ignore[attr-defined]
    action.full_clean()
    action.save()
    return action


REMIND_BEFORE_WORKING_DAYS = 3


def remind_actions(*, today: date) -> int:
    """Email, at most once per action and kind, the person in charge of each open action
    due within `MEETINGS_REMIND_BEFORE` working days ("due-soon") or past its deadline
    ("overdue"; the unit's officers too). Returns how many reminders went out."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils import translation

    from portal.reminders import absolute_url, owner_then_officers, send_once, tracked_reminders

    before = getattr(settings, "MEETINGS_REMIND_BEFORE", REMIND_BEFORE_WORKING_DAYS)
    actions = Action.objects.select_related("owner", "unit", "meeting")
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for found, kind in tracked_reminders(actions, today=today,
                                             before_working_days=before):
            action = cast(Action, found)
            if kind == "overdue":
                subject = _("Overdue follow-up action: %(title)s")
            else:
                subject = _("Follow-up action due soon: %(title)s")
            body = _("The follow-up action “%(title)s” decided at %(meeting)s (%(unit)s) is "
                     "due on %(due)s. Please report its progress: %(url)s") % {
                "title": action.title, "meeting": action.meeting.title,
                "unit": action.unit.name, "due": f"{action.due_on:%d/%m/%Y}",
                "url": absolute_url(reverse("meetings:action", args=[action.pk]))}
            sent += send_once(item=action, kind=kind,
                              recipients=owner_then_officers(action, kind),
                              subject=subject % {"title": action.title}, body=body,
                              today=today)
    return sent
