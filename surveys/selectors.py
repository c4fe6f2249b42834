"""Reads of the surveys app, for its own pages and for other apps (the `reports` app's
dashboards and PDF reports call `survey_activity` and `survey_report`).

Every figure is computed in SQL, in a number of queries that does not depend on the
number of responses; the result shapes are plain dataclasses with numbers and labels, and
charts as server-side SVG from `portal.charts`, so a PDF template can render them as is."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache as memoize

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, OuterRef, Q, QuerySet
from django.utils import timezone, translation

from portal.db import count_of
from portal.models import Unit, User
from portal.numbers import percent

from .models import Answer, Invitation, Question, Response, Survey
from .results import DIMENSIONS, Rates, SurveyResults, compute, response_rates, survey_rates
from .services.distribution import is_in_audience
from .suppression import data_version, profile_counts, survey_decision, until_closed

__all__ = [
    "DIMENSIONS", "MemberSurveys", "SurveyActivity", "SurveyReport", "SurveySummary",
    "UnitRate", "breakdown_root", "invitation_for_answering", "member_surveys",
    "published_results", "survey_activity", "survey_list", "survey_rates", "survey_report",
    "survey_results", "text_answers",
]


def survey_list(user: User) -> QuerySet[Survey]:
    """The surveys a committee member or officer manages, with their response figures."""
    invitations = Invitation.objects.filter(survey=OuterRef("pk"))
    return (Survey.objects.visible_to(user).select_related("owner_unit")
            .annotate(invited=count_of(invitations),
                      answered=count_of(invitations.filter(used=True)),
                      response_count=count_of(Response.objects.filter(survey=OuterRef("pk")))))


def breakdown_root(survey: Survey, user: User, unit_id: str | int | None) -> Unit:
    """The unit whose sub-units a breakdown lists: the owner unit, or one below it that the
    user asked for and may see."""
    if unit_id:
        try:
            found = (Unit.objects.visible_to(user).subtree(survey.owner_unit)
                     .filter(pk=int(unit_id)).first())
        except (TypeError, ValueError):
            found = None
        if found:
            return found
    return survey.owner_unit


RESULTS_CACHE_SECONDS = 3600


def survey_results(survey: Survey, *, dimension: str | None = "unit", root: Unit | None = None,
                   text_limit: int = 20) -> SurveyResults:
    """Every question's figures, with a breakdown by `dimension` (unit, staff_group, gender,
    age_band or None) where groups under the survey's minimum size are hidden.

    Kept in the cache under the survey's data version (the responses per stored profile,
    counted in one query): a new response, or a stored profile generalised further by the
    anonymity plan, is a new key. The hour's expiry only bounds how long a renamed unit
    keeps its old name; closing an anonymous survey is a new key too (its figures wait for
    the close). Which groups are shown is the survey's one suppression decision
    (`surveys.suppression`), shared with every other view and the exports."""
    if dimension not in DIMENSIONS:
        dimension = None
    root = root or survey.owner_unit
    counts = profile_counts(survey)
    key = ":".join(str(part) for part in (
        "surveys:results", survey.pk, survey.structure_version, data_version(counts),
        dimension, root.pk if dimension == "unit" else "", text_limit, survey.min_group_size,
        survey.results_published_at.timestamp() if survey.results_published_at else "",
        until_closed(survey), translation.get_language()))
    results = cache.get(key)
    if results is None:
        decision = survey_decision(survey, counts=counts) if dimension else None
        results = compute(survey, dimension=dimension, root=root, text_limit=text_limit,
                          total=sum(counts.values()), decision=decision)
        cache.set(key, results, RESULTS_CACHE_SECONDS)
    results.survey = survey
    return results


def published_results(survey: Survey) -> SurveyResults:
    """What respondents see once results are published: the chosen questions, overall only
    (no breakdown and no free text)."""
    questions = list(Question.objects.filter(survey=survey, publish_result=True)
                     .exclude(kind__in=Question.TEXT_KINDS).select_related("section")
                     .prefetch_related("choices")
                     .order_by("section__position", "section_id", "position", "id"))
    return compute(survey, questions=questions, text_limit=0)


def text_answers(question: Question) -> QuerySet:
    """Every free-text answer to a question (or "other" text), in the order of their random
    keys, so that no order of arrival shows through."""
    return (Answer.objects.filter(question=question, choice__isnull=True).exclude(text="")
            .order_by("id").values_list("text", flat=True))


# --- answering -----------------------------------------------------------------------------

_SURVEY_FIELDS = ("id", "title", "description", "topic", "owner_unit_id", "opens_at",
                  "closes_at", "anonymous", "open_link", "status", "min_group_size",
                  "results_published_at", "created_at", "structure_version")
_PERSON_FIELDS = ("id", "unit_id", "staff_group", "gender", "birth_year")


@memoize
def _answering_sql() -> str:
    def columns(model, names, alias):
        return [f'{alias}."{model._meta.get_field(n).column}"' for n in names]

    return (f"SELECT i.id, i.used, {', '.join(columns(Survey, _SURVEY_FIELDS, 's'))}, "
            f"{', '.join(columns(User, _PERSON_FIELDS, 'u'))} "
            f"FROM {Invitation._meta.db_table} i "
            f"JOIN {Survey._meta.db_table} s ON s.id = i.survey_id "
            f"JOIN {User._meta.db_table} u ON u.id = i.user_id WHERE i.id = %s")


def invitation_for_answering(invitation_id: uuid.UUID) -> Invitation | None:
    """The invitation behind a personal link, with its survey and what the response will
    copy from its member, in one query.

    On PostgreSQL, written out rather than built by the ORM: the answering page is the
    busiest of the portal, and compiling a three-table `select_related` costs more than
    running it (psycopg returns the native types the fields expect; other databases take
    the ORM's way, which converts). Fields not loaded here are loaded on access, like any
    deferred field."""
    if connection.vendor != "postgresql":
        return (Invitation.objects.select_related("survey", "user")
                .filter(pk=invitation_id).first())
    with connection.cursor() as cursor:
        cursor.execute(_answering_sql(), [invitation_id])
        row = cursor.fetchone()
    if row is None:
        return None
    split = 2 + len(_SURVEY_FIELDS)
    survey = Survey.from_db(connection.alias, list(_SURVEY_FIELDS), row[2:split])
    person = User.from_db(connection.alias, list(_PERSON_FIELDS), row[split:])
    invitation = Invitation.from_db(connection.alias, ["id", "survey_id", "user_id", "used"],
                                    (row[0], survey.pk, person.pk, row[1]))
    invitation.survey, invitation.user = survey, person
    return invitation


# --- members -----------------------------------------------------------------------------


@dataclass
class MemberSurveys:
    to_answer: list[Survey]
    answered: list[Survey]  # answered, and over with results published


def member_surveys(user: User) -> MemberSurveys:
    """Surveys waiting for this member's answer, and those whose results they may read."""
    now = timezone.now()
    mine = Invitation.objects.filter(user=user)
    to_answer = list(Survey.objects.accepting(now).filter(
        pk__in=mine.filter(used=False).values("survey")).select_related("owner_unit"))
    # Joined the audience after the survey opened: invited when they first open it.
    later = (Survey.objects.accepting(now).filter(open_link=True)
             .exclude(pk__in=mine.values("survey")).prefetch_related("audience_units"))
    to_answer += [s for s in later if is_in_audience(s, user)]
    answered = list(Survey.objects.over(now).filter(
        pk__in=mine.filter(used=True).values("survey"), results_published_at__isnull=False)
        .select_related("owner_unit"))
    return MemberSurveys(sorted(to_answer, key=lambda s: s.closes_at), answered)


# --- for the reports app -------------------------------------------------------------------


def _rate(answered: int, invited: int) -> float:
    """Answered per 100 invited, by the portal's one rounding rule."""
    value = percent(answered, invited)
    return float(value) if value is not None else 0.0


@dataclass
class SurveySummary:
    id: int
    title: str
    topic: str
    owner_unit: str
    opens_at: datetime
    closes_at: datetime
    state: str
    anonymous: bool
    invited: int  # within the scope
    answered: int

    @property
    def rate(self) -> float:
        return _rate(self.answered, self.invited)


@dataclass
class UnitRate:
    unit_id: int | None
    unit: str
    invited: int
    answered: int

    @property
    def rate(self) -> float:
        return _rate(self.answered, self.invited)


@dataclass
class SurveyActivity:
    start: datetime
    end: datetime
    scope: Unit
    running: list[SurveySummary]  # open at some moment of the period
    opened: int  # of those, opened within the period
    closed: int  # of those, closed within the period
    unit_rates: list[UnitRate]  # every running survey together, per unit below the scope
    invited: int
    answered: int

    @property
    def rate(self) -> float:
        return _rate(self.answered, self.invited)

    def chart(self, title: str):
        from portal import charts

        return charts.bar_chart([(r.unit, r.rate) for r in self.unit_rates], title=title,
                                suffix="%", decimals=1, max_value=100)


def _moment(value: date | datetime, end: bool = False) -> datetime:
    if isinstance(value, datetime):
        return value
    return timezone.make_aware(datetime.combine(value + timedelta(days=int(end)), time.min))


def survey_activity(*, start: date | datetime, end: date | datetime,
                    scope: Unit | None = None) -> SurveyActivity:
    """Surveys that ran in [start, end] and reached members of `scope` (default: the top
    unit) or belong to it, with response rates of the scope's members: per survey, and per
    unit one level below the scope across all of them. Dates are whole days (end included);
    datetimes are taken as given (end excluded). Five queries whatever the data."""
    scope = scope or Unit.objects.filter(parent__isnull=True).order_by("path").first()
    begin, finish = _moment(start), _moment(end, end=True)
    in_scope = Invitation.objects.filter(unit__path__startswith=scope.path)
    surveys = list(Survey.objects.running_between(begin, finish)
                   .filter(Q(owner_unit__path__startswith=scope.path)
                           | Q(pk__in=in_scope.values("survey")))
                   .select_related("owner_unit").order_by("opens_at", "id"))
    ids = [s.pk for s in surveys]
    per_survey = {r["survey"]: r for r in in_scope.filter(survey__in=ids).values("survey")
                  .annotate(invited=Count("id"), answered=Count("id", filter=Q(used=True)))}
    rates: Rates = response_rates(in_scope.filter(survey__in=ids), scope)
    running = [SurveySummary(
        id=s.pk, title=s.title, topic=s.get_topic_display(), owner_unit=s.owner_unit.name,
        opens_at=s.opens_at, closes_at=s.closes_at, state=s.state, anonymous=s.anonymous,
        invited=per_survey.get(s.pk, {}).get("invited", 0),
        answered=per_survey.get(s.pk, {}).get("answered", 0)) for s in surveys]
    return SurveyActivity(
        start=begin, end=finish, scope=scope, running=running,
        opened=sum(begin <= s.opens_at < finish for s in surveys),
        closed=sum(s.is_over(finish) and begin <= s.closes_at < finish for s in surveys),
        unit_rates=[UnitRate(r.group.unit.pk if r.group.unit else None, r.group.label,
                             r.invited, r.answered) for r in rates.rows],
        invited=rates.invited, answered=rates.answered)


@dataclass
class SurveyReport:
    """A survey's full results for a PDF: per question overall and per unit (with small
    groups hidden), and response rates per unit."""

    survey: Survey
    results: SurveyResults
    rates: Rates

    @property
    def rate_chart(self):
        from django.utils.translation import gettext as _

        return self.rates.chart(_("Response rate per unit"))


def survey_report(survey: Survey, *, root: Unit | None = None,
                  dimension: str = "unit") -> SurveyReport:
    """Everything a survey results report needs, in a fixed number of queries."""
    root = root or survey.owner_unit
    return SurveyReport(survey, survey_results(survey, dimension=dimension, root=root),
                        survey_rates(survey, root))

