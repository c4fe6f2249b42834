"""Celery tasks of the surveys app: they take ids, load, and call a service."""

from __future__ import annotations

from datetime import datetime

from celery import shared_task

from .services import invitation_emails_send
from .services.anonymity import survey_seal, surveys_to_seal


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


@shared_task(name="surveys.seal_recent_submissions", acks_late=True, soft_time_limit=240,
             time_limit=300)
def seal_recent_submissions() -> int:
    """Every few minutes (beat): see surveys.services.anonymity."""
    return sum(survey_seal(survey_id=pk) for pk in surveys_to_seal())


@shared_task(name="surveys.seal_survey", acks_late=True, soft_time_limit=240, time_limit=300)
def seal_survey(survey_id: int) -> int:
    return survey_seal(survey_id=survey_id)
