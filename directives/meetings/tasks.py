"""Celery tasks of briefing meetings: the daily reminder of follow-up actions."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from .services import remind_actions


@shared_task(name="meetings.remind_actions", acks_late=True)
def send_action_reminders() -> int:
    """Email, once each, the people in charge of actions due soon or overdue (and the
    unit's officers for the overdue ones). Returns how many emails went out."""
    return remind_actions(today=timezone.localdate())
