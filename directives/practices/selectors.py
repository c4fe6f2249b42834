"""Reads of the good-practice library: the library page, a practice's page, the evidence
figures read from the surveys app, the most adopted practices. Query counts do not grow
with the number of practices."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from django.db.models import Avg, Count, OuterRef, QuerySet

from portal.db import count_of
from portal.models import Unit, User

from .models import Adoption, Practice
from .querysets import PracticeQuerySet


def library(user: User, *, words: str = "", area: str = "", unit: Unit | None = None
            ) -> QuerySet[Practice]:
    """The practices a person may read, endorsed first, with their adoption count; tags
    come in one more query per page."""
    found = cast(PracticeQuerySet, Practice.objects.visible_to(user))
    if words:
        found = found.matching(words)
    if area:
        found = found.filter(area=area)
    if unit is not None:
        found = found.filter(unit__path__startswith=unit.path)
    adoptions = Adoption.objects.filter(practice=OuterRef("pk"))
    return (found.select_related("unit").prefetch_related("tags")
            .annotate(adoption_count=count_of(adoptions))  # for the page's rows only
            .library_order())


def evidence_surveys(unit: Unit):
    """The surveys a practice of `unit` may cite: the unit's own (and its subtree's), closed,
    whose overall response rate the surveys app shows."""
    from surveys.models import Survey

    return Survey.objects.over().in_scope_of(unit).order_by("-closes_at")


@dataclass(frozen=True)
class SurveyFigure:
    title: str
    closes_at: object
    invited: int
    answered: int
    rate: float


def survey_evidence(practice: Practice) -> dict[str, SurveyFigure]:
    """The overall response rate of the surveys cited, as the surveys app counts it (its
    `survey_rates`): invitations answered per 100 sent; never a breakdown."""
    from surveys.selectors import survey_rates

    figures = {}
    for name in ("survey_before", "survey_after"):
        survey = getattr(practice, name)
        if survey is None or not survey.is_over():
            continue
        rates = survey_rates(survey)
        figures[name] = SurveyFigure(survey.title, survey.closes_at, rates.invited,
                                     rates.answered, rates.rate)
    return figures


def adoptions_of(practice: Practice) -> QuerySet[Adoption]:
    return practice.adoptions.select_related("unit").order_by("-adopted_on", "-pk")


def rating_of(practice: Practice) -> dict:
    return practice.adoptions.aggregate(n=Count("pk"), mean=Avg("rating"))


def most_adopted(limit: int = 5, *, within: Unit | None = None) -> list[Practice]:
    found = Practice.objects.published()
    if within is not None and within.parent_id:
        found = found.filter(adoptions__unit__path__startswith=within.path)
    return list(found.select_related("unit")
                .annotate(adoption_count=Count("adoptions", distinct=True))
                .filter(adoption_count__gt=0)
                .order_by("-adoption_count", "-endorsed_at", "-pk")[:limit])


def newest_endorsed(limit: int = 4) -> list[Practice]:
    return list(Practice.objects.endorsed().select_related("unit")
                .order_by("-endorsed_at", "-pk")[:limit])
