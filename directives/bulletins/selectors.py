"""Reads of the bulletins app: a person's reading list, a bulletin's reach per unit, the
questions under a bulletin, and the time the network takes to orient opinion on a hot topic.
Every count is made in SQL, in a number of queries that does not grow with the data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, TypedDict, cast

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
from django.utils import timezone

from collaborators.models import OpinionReport
from portal.models import Unit, User
from portal.numbers import percent
from portal.periods import Period

from .models import Bulletin, BulletinAudience, BulletinQuestion, BulletinRead, BulletinTopic
from .services import audience_users

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class _ReadFlag(TypedDict):
    is_read: bool


def reading_list(user: User) -> QuerySet[WithAnnotations[Bulletin, _ReadFlag]]:
    """What is addressed to the person and published, unread first, then pinned, newest
    first; each row knows whether it was read (`is_read`)."""
    read = BulletinRead.objects.filter(bulletin=OuterRef("pk"), user=user)
    rows = (Bulletin.objects.to(user).select_related("unit")
            .annotate(is_read=Exists(read))
            .order_by("is_read", "-pinned", "-publish_at", "-pk"))
    return cast("QuerySet[WithAnnotations[Bulletin, _ReadFlag]]", rows)


def unread_live(user: User, *, limit: int = 5) -> tuple[list[Bulletin], int]:
    """The home page's few: live bulletins addressed to the person, unread first; and how
    many are unread."""
    rows = reading_list(user).filter(Q(expires_at__isnull=True)
                                     | Q(expires_at__gt=timezone.now()))
    return list(rows[:limit]), rows.filter(is_read=False).count()


def managed_list(user: User) -> QuerySet[Bulletin]:
    """What an officer's units (and the units below) issued: the bulletins they may edit."""
    rows = (Bulletin.objects.changeable_by(user).select_related("unit")
            .annotate(question_count=Count("questions", distinct=True),
                      waiting=Count("questions", filter=Q(questions__answer=""),
                                    distinct=True))
            .order_by("-publish_at", "-pk"))
    return cast("QuerySet[Bulletin]", rows)


def questions_for(bulletin: Bulletin, user: User, *, manager: bool) -> list[BulletinQuestion]:
    """The issuing unit's officers see every question; the audience sees the answered ones
    and the person their own (marked `mine`). Who asked is never read here for anyone but
    the viewer: `mine` compares with the viewer's own id in SQL."""
    rows = bulletin.questions.all()
    if not manager:
        rows = rows.filter(Q(asker=user) | ~Q(answer=""))
    rows = rows.annotate(mine=Q(asker_id=user.pk)).defer("asker")
    return list(rows.order_by("-answered_at", "-asked_on", "-pk"))


@dataclass(frozen=True)
class ReachRow:
    unit: Unit
    depth: int
    audience: int
    opened: int

    @property
    def share(self):
        return percent(self.opened, self.audience)


def reach(bulletin: Bulletin, viewer: User) -> tuple[list[ReachRow], ReachRow | None]:
    """For every unit the viewer may see (their subtree; the committee: all) that has people
    in the audience: how many are in the audience and how many opened the bulletin, each
    unit with every unit below it. Two grouped queries and one for the units; people are
    counted, never listed."""
    people = audience_users(bulletin)
    visible = list(Unit.objects.visible_to(viewer).order_by("path"))
    if not visible:
        return [], None
    top = min(len(u.path) for u in visible)
    roots = [u.path for u in visible if len(u.path) == top]
    inside = Q()
    for path in roots:
        inside |= Q(unit__path__startswith=path)
    people = people.filter(inside)
    size = dict(people.values_list("unit__path").annotate(n=Count("pk")).order_by())
    opened = dict(BulletinRead.objects.filter(bulletin=bulletin, user__in=people.values("pk"))
                  .values_list("user__unit__path").annotate(n=Count("pk")).order_by())
    rows = []
    for unit in visible:
        audience = sum(n for path, n in size.items() if path.startswith(unit.path))
        if not audience:
            continue
        rows.append(ReachRow(unit, (len(unit.path) - top) // 5, audience,
                             sum(n for path, n in opened.items() if path.startswith(unit.path))))
    total = ReachRow(visible[0], 0, sum(size.values()), sum(opened.values())) if size else None
    return rows, total


# Time to orient -----------------------------------------------------------------------


@dataclass(frozen=True)
class OrientCell:
    topic: str
    label: str
    first_report: datetime | None
    first_answer: datetime | None

    @property
    def hours(self) -> float | None:
        if self.first_report is None or self.first_answer is None:
            return None
        return round(max((self.first_answer - self.first_report).total_seconds(), 0) / 3600, 1)

    @property
    def days(self) -> float | None:
        return None if self.hours is None else round(self.hours / 24, 1)

    @property
    def waiting(self) -> bool:
        return self.first_report is not None and self.first_answer is None


@dataclass(frozen=True)
class OrientRow:
    unit: Unit | None  # None: overall
    cells: list[OrientCell]

    @property
    def median(self) -> float | None:
        """The median, over the hot topics answered, of the hours to the first answer."""
        hours = sorted(c.hours for c in self.cells if c.hours is not None)
        if not hours:
            return None
        middle = len(hours) // 2
        if len(hours) % 2:
            return hours[middle]
        return round((hours[middle - 1] + hours[middle]) / 2, 1)


def _answers(period: Period) -> list[tuple[str, str, datetime]]:
    """(topic, audience unit path, publish time) of every published bulletin answering a
    topic, directly or through one of the opinion reports it answers, from the period's
    start on (an answer may come after the period's end)."""
    start, _end = period.bounds
    now = timezone.now()
    audience: dict[int, list[str]] = {}
    for bulletin_id, path in BulletinAudience.objects.filter(
            bulletin__publish_at__gte=start, bulletin__publish_at__lte=now).values_list(
            "bulletin_id", "unit__path"):
        audience.setdefault(bulletin_id, []).append(path)
    direct = BulletinTopic.objects.filter(bulletin_id__in=list(audience)).values_list(
        "bulletin_id", "topic", "bulletin__publish_at")
    through = Bulletin.answers_reports.through.objects.filter(
        bulletin_id__in=list(audience)).values_list(
        "bulletin_id", "opinionreport__topic", "bulletin__publish_at")
    answers = set()
    for bulletin_id, topic, at in [*direct, *through]:
        for path in audience[bulletin_id]:
            answers.add((topic, path, at))
    return sorted(answers, key=lambda row: row[2])


def time_to_orient(*, period: Period, scope: Unit | None = None) -> list[OrientRow]:
    """For each hot topic: the first opinion report on it in the period and the first
    bulletin answering it addressed to the unit, a unit above it or one below it, published
    after that report (one published earlier in the period counts as zero hours), for each
    union directly under `scope` (the top unit by default), and overall. Three queries
    whatever the number of reports and bulletins."""
    start, end = period.bounds
    scope = scope or Unit.objects.filter(parent__isnull=True).order_by("path").first()
    if scope is None:
        return []
    branches = list(Unit.objects.filter(parent=scope, is_active=True).order_by("name"))
    firsts = (OpinionReport.objects.filter(created_at__gte=start, created_at__lt=end,
                                           unit__path__startswith=scope.path)
              .values_list("unit__path", "topic").annotate(first=Min("created_at")).order_by())
    first_report: dict[tuple[str, str], datetime] = {}
    for path, topic, at in firsts:
        for unit in [scope, *branches]:
            if path.startswith(unit.path):
                key = (unit.path, topic)
                first_report[key] = min(first_report.get(key, at), at)
    answers = _answers(period)
    labels = OpinionReport.Topic.choices

    def first_answer(unit: Unit, topic: str, after: datetime | None):
        """The first answer at or after the report; one already published in the period
        before it means the topic was oriented beforehand: zero hours."""
        if after is None:
            return None
        for answer_topic, path, at in answers:
            if answer_topic == topic and (path.startswith(unit.path)
                                          or unit.path.startswith(path)):
                return max(at, after)
        return None

    rows = []
    for branch in [None, *branches]:
        target = scope if branch is None else branch
        cells = []
        for topic, label in labels:
            report = first_report.get((target.path, topic))
            cells.append(OrientCell(topic, str(label), report,
                                    first_answer(target, topic, report)))
        rows.append(OrientRow(branch, cells))
    return rows

