"""Reminder emails about deadlines, each sent at most once.

Every area has records someone owes by a date: a directive's task, a meeting's action, a
dialogue's commitment, a grievance's answer, an inspection's recommendation. A daily Celery
task of the area asks :func:`tracked_reminders` which of them are due soon or overdue, and
calls :func:`send_once` for each; `ReminderSent` remembers what went out, so running the job
twice, or after a crash, sends nothing more. A kind that should repeat carries its own
period (``f"overdue-{today:%G-%V}"`` reminds once a week).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.db.models import Model, QuerySet
from django.utils import timezone

from .models import ReminderSent, User
from .tracking import OPEN, TrackedItem
from .workdays import add_working_days

SUBJECT_PREFIX = "[Cổng DLXH] "


def officers_of(unit) -> list[User]:
    """The active officers of a unit who have an email address: who a unit's reminder goes
    to."""
    return list(User.objects.filter(role=User.Role.OFFICER, unit=unit, is_active=True)
                .exclude(email="").order_by("pk"))


def absolute_url(path: str) -> str:
    """`path` as a link in an email: the address people reach the portal at, then the path."""
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def owner_then_officers(item: TrackedItem, kind: str) -> list[User]:
    """Who hears of a tracked item: the person in charge; once it is overdue, the unit's
    officers too."""
    people = [item.owner] if item.owner is not None and item.owner.is_active else []
    if kind == "overdue":
        people += officers_of(item.unit)
    return people


def already_sent(item: Model, kind: str) -> bool:
    return ReminderSent.objects.filter(target=item._meta.label_lower, object_id=str(item.pk),
                                       kind=kind).exists()


def send_once(*, item: Model, kind: str, recipients: Iterable[User], subject: str,
              body: str, today: date | None = None) -> bool:
    """Email `recipients` about `item` unless a reminder of this kind already went out.
    True when it was sent now. The record of the sending and the sending stand or fall
    together: a mail server that refuses leaves no record, so tomorrow's run tries again."""
    addresses = sorted({person.email for person in recipients if person.email})
    if not addresses:
        return False
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                target=item._meta.label_lower, object_id=str(item.pk), kind=kind,
                sent_on=today or timezone.localdate(), recipients=len(addresses))
            send_mass_mail([(SUBJECT_PREFIX + subject, body, settings.DEFAULT_FROM_EMAIL,
                             [address]) for address in addresses], fail_silently=False)
    except IntegrityError:
        return False
    return True


def tracked_reminders(queryset: QuerySet, *, today: date,
                      before_working_days: int = 3) -> list[tuple[Model, str]]:
    """The open tracked items (`portal.tracking`) to remind about today: ("due-soon") those
    due within `before_working_days` working days, ("overdue") those past their date."""
    soon_until = add_working_days(today, before_working_days)
    items = queryset.filter(status__in=OPEN, due_on__isnull=False, due_on__lte=soon_until)
    return [(item, "overdue" if item.due_on < today else "due-soon")
            for item in items.order_by("due_on", "pk")]
