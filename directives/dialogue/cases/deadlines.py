"""The grievance register's deadlines, in working days (`portal.workdays`). Every number is
a setting (docs/design/LAW.md: laws here change often):

- `DIALOGUE_CASE_INTAKE_DAYS` (10): working days to give one of the four intake outcomes
  (Law on Citizen Reception 42/2013, art. 28).
- `DIALOGUE_CASE_ANSWER_DAYS` ({"petition": 15, "feedback": 10, "complaint": 22}): working
  days from receipt to the answer, by kind (22 working days is about the 30 days the Law on
  Complaints gives at first instance).
- `DIALOGUE_CASE_URGENCY_DAYS` ({"soon": 10, "urgent": 5}): the answer deadline is at most
  this many working days for a case of that urgency.
- `DIALOGUE_CASE_REOPEN_DAYS` (10): working days after the answer in which the member may
  reopen the case.
- `DIALOGUE_CASE_REMIND_DAYS` (3): a reminder goes this many working days before a
  deadline, another once it has passed.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings

from portal.workdays import add_working_days

ANSWER_DAYS = {"petition": 15, "feedback": 10, "complaint": 22}
URGENCY_DAYS = {"soon": 10, "urgent": 5}


def intake_days() -> int:
    return int(getattr(settings, "DIALOGUE_CASE_INTAKE_DAYS", 10))


def answer_days(kind: str, urgency: str) -> int:
    by_kind = {**ANSWER_DAYS, **getattr(settings, "DIALOGUE_CASE_ANSWER_DAYS", {})}
    by_urgency = {**URGENCY_DAYS, **getattr(settings, "DIALOGUE_CASE_URGENCY_DAYS", {})}
    days = int(by_kind.get(kind, max(by_kind.values())))
    cap = by_urgency.get(urgency)
    return min(days, int(cap)) if cap else days


def reopen_days() -> int:
    return int(getattr(settings, "DIALOGUE_CASE_REOPEN_DAYS", 10))


def remind_days() -> int:
    return int(getattr(settings, "DIALOGUE_CASE_REMIND_DAYS", 3))


def intake_due(received: date, kind: str = "feedback", urgency: str = "normal") -> date:
    """Intake ends after its working days, or with the answer's deadline if that is sooner
    (an urgent case)."""
    return add_working_days(received, min(intake_days(), answer_days(kind, urgency)))


def answer_due(received: date, kind: str, urgency: str) -> date:
    return add_working_days(received, answer_days(kind, urgency))


def reopen_until(answered: date) -> date:
    return add_working_days(answered, reopen_days())
