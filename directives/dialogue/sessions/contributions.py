"""What dialogue sessions give the committee's dashboard and the official documents (see
`portal.contributions`): the share of grassroots unions that held their annual staff
conference on time, the dialogues held in the period, the commitments done and overdue;
the printable minutes (`DocumentSubject` "dialogue_minutes"); the version of the tables."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import Count, Max, Q
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.contributions import (
    Figure,
    Frame,
    Indicator,
    counts_by_branch,
    register_data_version,
    register_document_subject,
    register_indicator,
    table_version,
)
from portal.filters import UNIT_PARAM
from portal.models import PATH_STEP, Unit
from portal.numbers import percent
from portal.tracking import completion_indicator, overdue_indicator

from ..models import Commitment, DialogueSession, SessionKind, SessionQuestion
from .querysets import day_start
from .selectors import conference_deadline


def link(name: str, **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return reverse(name) + (f"?{query}" if query else "")


def _conference_counts(frame: Frame) -> tuple[int, list[str], set[str]]:
    """The working year before the period's end, the grassroots unions under the frame's
    unit, and those whose conference for that year was held by its deadline: two queries."""
    def read():
        year = frame.period.end.year - 1
        unions = list(Unit.objects.filter(kind=Unit.Kind.GRASSROOTS, is_active=True,
                                          path__startswith=frame.unit.path)
                      .values_list("path", flat=True))
        held = set(DialogueSession.objects.filter(
            kind=SessionKind.CONFERENCE, working_year=year,
            starts_at__lt=day_start(conference_deadline(year) + timedelta(days=1)))
            .annotate(branch=Substr("unit__path", 1, 2 * PATH_STEP))
            .values_list("branch", flat=True).distinct())
        return year, unions, held

    return frame.once("dialogue.conferences", read)


def conferences(frame: Frame) -> dict[int, Figure]:
    """The share of grassroots unions in each branch that held the conference on time."""
    year, unions, held = _conference_counts(frame)
    figures = {}
    for unit in frame.everyone:
        mine = [path for path in unions if path.startswith(unit.path)]
        share = percent(sum(path in held for path in mine), len(mine))
        figures[unit.pk] = Figure(share, weak=share is not None and share < 100,
                                  url=link("dialogue:overview", until=year + 1))
    return figures


def dialogues(frame: Frame) -> dict[int, Figure]:
    start, end = frame.period.bounds
    previous_start, _ignored = frame.period.previous.bounds
    rows = counts_by_branch(
        DialogueSession.objects.exclude(kind=SessionKind.CONFERENCE)
        .filter(starts_at__gte=previous_start, starts_at__lt=end),
        unit_path="unit__path", scope=frame.unit, children=frame.children,
        now=Count("pk", filter=Q(starts_at__gte=start)),
        before=Count("pk", filter=Q(starts_at__lt=start)))
    return {unit.pk: Figure(rows.get(unit.pk, {}).get("now", 0),
                            rows.get(unit.pk, {}).get("before", 0),
                            weak=not rows.get(unit.pk, {}).get("now", 0),
                            url=link("dialogue:session_list",
                                     **{UNIT_PARAM: Frame.link_unit(unit)}))
            for unit in frame.everyone}


def commitment_list_url(unit_id: int | None, which: str) -> str:
    return link("dialogue:commitment_list", **{UNIT_PARAM: unit_id},
                state="overdue" if which == "overdue" else "")


def data_version() -> tuple:
    return (table_version(DialogueSession, at=Max("updated_at")),
            table_version(SessionQuestion),
            table_version(Commitment, at=Max("updated_at")))


def register() -> None:
    from .document import minutes_subject

    register_indicator(Indicator(
        "dialogue_conference", _("Annual conference held on time"), 300, conferences,
        suffix="%", decimals=0,
        description=_("a grassroots union did not hold its annual conference on time")))
    register_indicator(Indicator("dialogue_sessions", _("Dialogue sessions"), 310, dialogues,
                                 description=_("no dialogue in the period")))
    register_indicator(completion_indicator(
        key="dialogue_commitments", label=_("Dialogue commitments done"), order=320,
        model=Commitment, list_url=commitment_list_url))
    register_indicator(overdue_indicator(
        key="dialogue_overdue", label=_("Dialogue commitments overdue"), order=330,
        model=Commitment, list_url=commitment_list_url))
    register_document_subject(minutes_subject())
    register_data_version("dialogue_sessions", data_version)

