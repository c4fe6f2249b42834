"""Celery tasks of inspections: the daily reminder of recommendations due or overdue
(scheduled by migration 0003, once a day at 07:00)."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from .services import recommendation_reminders_send


@shared_task(name="inspections.remind_recommendations", acks_late=True, soft_time_limit=600,
             time_limit=660)
def remind_recommendations() -> int:
    return recommendation_reminders_send(today=timezone.localdate())
