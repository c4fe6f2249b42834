"""Celery tasks of the bulletins app: they take ids and call a service."""

from __future__ import annotations

from celery import shared_task

from .services import urgent_bulletins_due, urgent_emails_send


@shared_task(name="bulletins.send_urgent_bulletin", bind=True, acks_late=True, max_retries=5,
             default_retry_delay=60, soft_time_limit=600, time_limit=660)
def send_urgent_bulletin(self, bulletin_id: int) -> int:
    try:
        return urgent_emails_send(bulletin_id=bulletin_id)
    except OSError as error:  # the mail server is down or refused: try again later
        raise self.retry(exc=error) from error


@shared_task(name="bulletins.send_due_urgent_bulletins", acks_late=True, soft_time_limit=600,
             time_limit=660)
def send_due_urgent_bulletins() -> int:
    """From beat, every few minutes: urgent bulletins whose publication time has come."""
    return sum(urgent_emails_send(bulletin_id=pk) for pk in urgent_bulletins_due())
