"""The tracked-item base: something a unit owes by a deadline.

A directive task's progress in one unit, a briefing meeting's follow-up action, a
grievance's handling, an inspection's recommendation: each has the unit that owes it, an
owner, a deadline, a status, a note, evidence (a file, or a link to a record of the
portal) and a history. Each area writes a thin concrete model on `TrackedItem`, and gets
from here the queryset (open, overdue, due soon, completion per unit, all in SQL), the
write service that checks who may report progress, the home to-do and the dashboard
figure. Deadlines that the law counts in working days come from `portal.workdays`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from .files import RandomName
from .permissions import ScopedQuerySet


class TrackedStatus(models.TextChoices):
    NOT_STARTED = "not_started", pgettext_lazy("tracked item", "Not started")
    IN_PROGRESS = "in_progress", pgettext_lazy("tracked item", "In progress")
    DONE = "done", pgettext_lazy("tracked item", "Done")
    CANCELLED = "cancelled", pgettext_lazy("tracked item", "Cancelled")


OPEN = (TrackedStatus.NOT_STARTED, TrackedStatus.IN_PROGRESS)

# An address of this portal ("/khao-sat/4/"), never another site ("//x", "https://x").
inside_portal = RegexValidator(
    r"^/(?!/)", _("Give an address inside the portal, starting with /."), code="outside")


@dataclass(frozen=True)
class Completion:
    """One unit's items: how many it owes, has done (on time or not) and has overdue."""

    total: int
    done: int
    on_time: int
    overdue: int

    @property
    def open(self) -> int:
        return self.total - self.done


class TrackedItemQuerySet(ScopedQuerySet):
    """Reads every tracked item shares. Visible to the unit's officers (and the units above
    them) and to the item's owner; the committee sees all."""

    owner_lookup = "owner"

    def open(self) -> TrackedItemQuerySet:
        return self.filter(status__in=OPEN)

    def overdue(self, on: date) -> TrackedItemQuerySet:
        """Open items whose deadline passed before `on`."""
        return self.open().filter(due_on__lt=on)

    def due_within(self, days: int, today: date) -> TrackedItemQuerySet:
        """Open items due from `today` to `days` days later, both included."""
        return self.open().filter(due_on__gte=today, due_on__lte=today + timedelta(days=days))

    def completion_by_unit(self, on: date) -> dict[int, Completion]:
        """{unit id: Completion}, in one grouped query; cancelled items do not count."""
        rows = (self.exclude(status=TrackedStatus.CANCELLED).order_by().values("unit")
                .annotate(total=Count("pk"),
                          done=Count("pk", filter=Q(status=TrackedStatus.DONE)),
                          on_time=Count("pk", filter=Q(status=TrackedStatus.DONE,
                                                       completed_on__lte=F("due_on"))),
                          overdue=Count("pk", filter=Q(status__in=OPEN, due_on__lt=on))))
        return {row.pop("unit"): Completion(**row) for row in rows}


class TrackedItem(models.Model):
    """Abstract: a concrete model adds what the item is about (its task, meeting, case or
    inspection) and sets `objects = <its queryset>.as_manager()` if it needs more reads."""

    unit = models.ForeignKey("portal.Unit", verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="+")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL,
                              verbose_name=pgettext_lazy("tracked item", "person in charge"),
                              null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    due_on = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=12, choices=TrackedStatus.choices,
                              default=TrackedStatus.NOT_STARTED)
    note = models.TextField(pgettext_lazy("tracked item", "progress note"), blank=True)
    evidence = models.FileField(_("evidence file"), upload_to=RandomName("evidence"),
                                blank=True, max_length=200)
    evidence_link = models.CharField(
        _("link to a record in the portal"), max_length=300, blank=True,
        validators=[inside_portal],
        help_text=_("An address inside the portal, such as a meeting, a survey or a "
                    "training, starting with /."))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = TrackedItemQuerySet.as_manager()
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=TrackedStatus.DONE) | Q(completed_on__isnull=False),
                name="%(app_label)s_%(class)s_done_has_a_day"),
            models.CheckConstraint(
                condition=Q(evidence_link="") | Q(evidence_link__startswith="/"),
                name="%(app_label)s_%(class)s_link_inside_portal"),
        ]
        # A concrete model adds `models.Index(fields=["unit", "status", "due_on"])`: an
        # index needs a name no longer than 30 characters, which only it can choose.

    def is_overdue(self, on: date) -> bool:
        return self.status in OPEN and self.due_on < on


# The shapes every area reuses: a dashboard column and a home to-do for its tracked items.

ListURL = Callable[[int | None, str], str]  # (unit id or None for all, "overdue"|"due") -> url


def completion_indicator(*, key: str, label, order: int, model: type[TrackedItem],
                         list_url: ListURL, weak_below: int = 50):
    """A dashboard column: the share of items due by the period's end that were done (on
    time or late), per unit and subtree; weak below `weak_below` %. Its cell opens the list
    of exactly those items."""
    from .contributions import Figure, Indicator, counts_by_branch
    from .numbers import percent

    def compute(frame):
        due = model.objects.exclude(status=TrackedStatus.CANCELLED).filter(
            due_on__lte=frame.period.end)
        counts = counts_by_branch(due, unit_path="unit__path", scope=frame.unit,
                                  children=frame.children, due=Count("pk"),
                                  done=Count("pk", filter=Q(status=TrackedStatus.DONE)))
        figures = {}
        for unit in frame.everyone:
            row = counts.get(unit.pk, {"due": 0, "done": 0})
            share = percent(row["done"], row["due"])
            figures[unit.pk] = Figure(share, weak=share is not None and share < weak_below,
                                      url=list_url(frame.link_unit(unit), "due"))
        return figures

    return Indicator(key=key, label=label, order=order, compute=compute, suffix="%",
                     decimals=1)


def overdue_indicator(*, key: str, label, order: int, model: type[TrackedItem],
                      list_url: ListURL):
    """A dashboard column: open items past their deadline at the period's end (fewer is
    better; any is weak)."""
    from .contributions import Figure, Indicator, counts_by_branch

    def compute(frame):
        late = model.objects.overdue(frame.period.end + timedelta(days=1))
        counts = counts_by_branch(late, unit_path="unit__path", scope=frame.unit,
                                  children=frame.children, overdue=Count("pk"))
        figures = {}
        for unit in frame.everyone:
            overdue = counts.get(unit.pk, {}).get("overdue", 0)
            figures[unit.pk] = Figure(overdue, weak=bool(overdue),
                                      url=list_url(frame.link_unit(unit), "overdue"))
        return figures

    return Indicator(key=key, label=label, order=order, compute=compute,
                     higher_is_better=False)


def tracked_todos(*, model: type[TrackedItem], overdue_label, due_label,
                  url: Callable[[str], str], soon_days: int = 7):
    """A home to-do provider: the items a person must act on (those they are in charge of,
    and, for an officer, their units' items), overdue first, then due within `soon_days`."""
    from django.utils import timezone

    from .home import Todo

    def provider(user) -> list:
        if not getattr(user, "is_authenticated", False) or user.is_committee:
            return []
        today = timezone.localdate()
        mine = model.objects.changeable_by(user) | model.objects.filter(owner=user)
        counts = mine.aggregate(
            overdue=Count("pk", filter=Q(status__in=OPEN, due_on__lt=today)),
            soon=Count("pk", filter=Q(status__in=OPEN, due_on__gte=today,
                                      due_on__lte=today + timedelta(days=soon_days))))
        todos = []
        if counts["overdue"]:
            todos.append(Todo(overdue_label, url("overdue"), counts["overdue"], "danger"))
        if counts["soon"]:
            todos.append(Todo(due_label, url("due"), counts["soon"], "warning"))
        return todos

    return provider
