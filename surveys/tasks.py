"""Celery tasks of the surveys app: they take ids, load, and call a service."""

from __future__ import annotations

from datetime import datetime

from celery import shared_task

from .services import invitation_emails_send


@shared_task(name="surveys.send_invitation_emails", bind=True, acks_late=True, max_retries=5,
             default_retry_delay=60, soft_time_limit=600, time_limit=660)
def send_invitation_emails(self, survey_id: int, base_url: str) -> int:
    try:
        return invitation_emails_send(survey_id=survey_id, base_url=base_url)
    except OSError as error:  # the mail server is down or refused: try again later
        raise self.retry(exc=error) from error


@shared_task(name="surveys.send_reminder_emails", bind=True, acks_late=True, max_retries=5,
             default_retry_delay=60, soft_time_limit=600, time_limit=660)
def send_reminder_emails(self, survey_id: int, base_url: str, round_started: str) -> int:
    try:
        return invitation_emails_send(survey_id=survey_id, base_url=base_url,
                                      reminder_round=datetime.fromisoformat(round_started))
    except OSError as error:
        raise self.retry(exc=error) from error
