"""The Standing Committee's and the officers' dashboards: every unit's indicators for a
period, with the change from the previous period, in a constant number of queries.

Each indicator says which way is good and when a cell is weak, and links to the records
behind its number."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from collaborators.charts import ratio_chart, topic_trend_chart
from collaborators.models import Collaborator, OpinionReport
from collaborators.selectors import coverage_by_unit, opinion_report_counts, target_per_100
from portal.models import PATH_STEP, Unit
from portal.periods import Period
from surveys.selectors import survey_activity

WEAK_TRAINED_SHARE = 50.0  # percent of collaborators trained in the last 12 months
WEAK_RESPONSE_RATE = 50.0  # percent of invited members who answered


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str | Promise
    suffix: str = ""
    decimals: int = 0


INDICATORS = [
    Indicator("members", _("Members")),
    Indicator("per_100", _("Collaborators per 100 members"), decimals=1),
    Indicator("trained", _("Trained in 12 months"), suffix="%"),
    Indicator("opinions", _("Opinion reports")),
    Indicator("urgent", _("Urgent or widespread")),
    Indicator("survey_rate", _("Survey response rate"), suffix="%", decimals=1),
]


@dataclass
class Cell:
    value: float | None
    previous: float | None = None
    weak: bool = False
    url: str = ""

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


@dataclass
class UnitRow:
    unit: Unit
    cells: dict[str, Cell] = field(default_factory=dict)


@dataclass
class Dashboard:
    period: Period
    scope: Unit
    rows: list[UnitRow]
    total: UnitRow
    indicators: list[Indicator]
    opinions: object  # collaborators.selectors.OpinionCounts
    surveys: object  # surveys.selectors.SurveyActivity
    target: float
    coverage: list  # collaborators.selectors.UnitCoverage of each row's unit

    def coverage_chart(self):
        return ratio_chart(self.coverage)

    def topics_chart(self):
        return topic_trend_chart(self.opinions)


def _opinion_counts(scope: Unit, children: list[Unit],
                    period: Period) -> dict[int, dict[str, int]]:
    """Per child of `scope` (with its subtree), and for `scope` itself: reports this period,
    last period, and urgent or widespread ones this period.

    One scan of the two periods' reports, grouped by the child each report falls under (the
    first characters of its unit's path), rather than one correlated count per unit."""
    start, end = period.bounds
    previous_start, _ = period.previous.bounds
    width = len(scope.path) + PATH_STEP
    urgent = OpinionReport.needs_attention()
    rows = (OpinionReport.objects
            .filter(unit__path__startswith=scope.path, created_at__gte=previous_start,
                    created_at__lt=end)
            .annotate(branch=Substr("unit__path", 1, width)).values("branch").order_by()
            .annotate(now=Count("pk", filter=Q(created_at__gte=start)),
                      before=Count("pk", filter=Q(created_at__lt=start)),
                      urgent=Count("pk", filter=urgent & Q(created_at__gte=start))))
    by_path = {child.path: child.pk for child in children}
    counts: dict[int, dict[str, int]] = {}
    total = {"now": 0, "before": 0, "urgent": 0}
    for row in rows:
        for key in total:
            total[key] += row[key]
        if row["branch"] in by_path:
            counts[by_path[row["branch"]]] = row
    counts[scope.pk] = total
    return counts


def _url(name: str, **params) -> str:
    # None leaves a parameter out; "" is kept (status="" asks the queue for every status).
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return reverse(name) + (f"?{query}" if query else "")


def _row(unit: Unit, coverage, opinions: dict, rate: tuple[float, int] | None,
         period: Period) -> UnitRow:
    """One unit's cells. Each link opens exactly the records its figure counts: the active
    collaborators (per 100 members), those of them trained in the 12 months before the
    period's end (the share trained), the reports of every status filed in the period."""
    link_unit = unit.pk if unit.parent_id else None
    filed = {"unit": link_unit, "status": "", "start": period.start.isoformat(),
             "end": period.end.isoformat()}
    active = {"unit": link_unit, "status": Collaborator.Status.ACTIVE}
    # The training window ends with the period; today's is the list's default.
    on = period.end.isoformat() if period.end != timezone.localdate() else None
    trained = coverage.trained_share
    per_100 = coverage.per_100
    return UnitRow(unit, {
        "members": Cell(coverage.members, weak=not coverage.members),
        # Coverage shows no change: collaborator counts have no history to compare with.
        "per_100": Cell(per_100, weak=coverage.below_target or per_100 is None,
                        url=_url("collaborators:list", **active)),
        "trained": Cell(trained, weak=trained is not None and trained < WEAK_TRAINED_SHARE,
                        url=_url("collaborators:list", **active, trained="yes", on=on)),
        "opinions": Cell(opinions.get("now", 0), opinions.get("before", 0),
                         weak=not opinions.get("now", 0),
                         url=_url("collaborators:report_list", **filed)),
        "urgent": Cell(opinions.get("urgent", 0),
                       url=_url("collaborators:report_list", **filed, attention="1")),
        # A rate of invitations: no list of them to open; the surveys are listed below.
        "survey_rate": Cell(rate[0] if rate and rate[1] else None,
                            weak=bool(rate and rate[1] and rate[0] < WEAK_RESPONSE_RATE)),
    })


def build_dashboard(*, scope: Unit, period: Period) -> Dashboard:
    """Indicators for `scope` as a whole and for each unit one level below it."""
    children = list(Unit.objects.active().filter(parent=scope).order_by("path"))
    everyone = [scope, *children]
    coverage = {c.unit.pk: c for c in coverage_by_unit(everyone, on=period.end)}
    opinions = _opinion_counts(scope, children, period)
    surveys = survey_activity(start=period.start, end=period.end, scope=scope)
    rates = {r.unit_id: (r.rate, r.invited) for r in surveys.unit_rates}
    rows = [_row(u, coverage[u.pk], opinions.get(u.pk, {}), rates.get(u.pk), period)
            for u in children]
    total = _row(scope, coverage[scope.pk], opinions.get(scope.pk, {}),
                 (surveys.rate, surveys.invited), period)
    return Dashboard(period=period, scope=scope, rows=rows, total=total, indicators=INDICATORS,
                     opinions=opinion_report_counts(period=period, unit=scope),
                     surveys=surveys, target=target_per_100(),
                     coverage=[coverage[u.pk] for u in children])


def top_unit() -> Unit:
    return Unit.objects.filter(parent__isnull=True).order_by("path").first()


def default_period(today: date) -> Period:
    """From the last reporting cut-off (the 20th) to today."""
    from .periods import period_ending_on_cutoff

    return Period(period_ending_on_cutoff("monthly", today).end + timedelta(days=1), today)
