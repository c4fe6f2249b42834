"""What briefing meetings give the committee's dashboard and documents (see
`portal.contributions`): per unit, the share of the meetings its level's cadence expects in
the period that it held; the version of its tables; the minutes as an official document."""

from __future__ import annotations

from dataclasses import fields
from typing import Any
from urllib.parse import urlencode

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.contributions import (
    DocumentSubject,
    Figure,
    Frame,
    Indicator,
    register_data_version,
    register_document_subject,
    register_indicator,
    table_version,
)
from portal.filters import UNIT_PARAM

WEAK_BELOW = 100.0  # percent: a unit that missed any expected meeting is flagged


def meetings_url(unit, period, *, level: str = "") -> str:
    params = {UNIT_PARAM: Frame.link_unit(unit), "level": level or None,
              "start": period.start.strftime("%d/%m/%Y"),
              "end": period.end.strftime("%d/%m/%Y")}
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return f"{reverse('meetings:list')}?{query}"


def held(frame: Frame) -> dict[int, Figure]:
    """Each unit's own meetings (the top unit's are the university's) against its cadence;
    two queries whatever the number of units."""
    from .models import Meeting
    from .selectors import cadence_by_unit

    rows = cadence_by_unit(frame.everyone, frame.period)
    figures = {}
    for unit in frame.everyone:
        row = rows[unit.pk]
        level = Meeting.level_for(unit)
        figures[unit.pk] = Figure(
            row.share, weak=row.share is not None and row.share < WEAK_BELOW,
            url=meetings_url(unit, frame.period,
                             level=level if level == Meeting.Level.UNIVERSITY else ""))
    return figures


def data_version() -> tuple:
    from .models import Action, AgendaItem, Attendance, Meeting

    return (table_version(Meeting, at=Max("updated_at")),
            *(table_version(model) for model in (AgendaItem, Attendance, Action)))


def _subject() -> DocumentSubject:
    from .minutes import demo_meeting, meeting_title, minutes_sections, reportable, signer

    extra: dict[str, Any] = {
        "title": meeting_title, "document_name": "BIÊN BẢN", "symbol": "BB",
        "issuer": lambda meeting: meeting.unit, "numbered": False, "signer": signer}
    known = {f.name for f in fields(DocumentSubject)}
    return DocumentSubject("meeting_minutes", reportable, minutes_sections, demo_meeting,
                           **{k: v for k, v in extra.items() if k in known})


def register() -> None:
    register_indicator(Indicator(
        "meetings_held", _("Briefings held as expected"), 60, held, suffix="%",
        description=_("missed an expected briefing meeting")))
    register_data_version("meetings", data_version)
    register_document_subject(_subject())
