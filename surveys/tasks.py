"""Celery tasks of the surveys app: they take ids, load, and call a service."""

from __future__ import annotations

import logging
import threading
from datetime import datetime

from celery import shared_task
from celery.signals import worker_ready, worker_shutdown

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


logger = logging.getLogger(__name__)
_stop_sealing = threading.Event()


@shared_task(name="surveys.seal_recent_submissions", acks_late=True, soft_time_limit=240,
             time_limit=300)
def seal_recent_submissions() -> int:
    """Every few minutes, from beat and from each worker: see surveys.services.anonymity."""
    return sum(survey_seal(survey_id=pk) for pk in list(surveys_to_seal()))


@shared_task(name="surveys.seal_survey", acks_late=True, soft_time_limit=240, time_limit=300)
def seal_survey(survey_id: int) -> int:
    return survey_seal(survey_id=survey_id, force=True)


def _seal_while_running() -> None:
    """A worker's own sealing loop: runs whether or not beat does. Sealing takes an
    advisory lock per survey and skips surveys with nothing new, so several workers
    looping at once cost little."""
    from django.conf import settings
    from django.db import close_old_connections

    while not _stop_sealing.is_set():
        try:
            seal_recent_submissions()
        except Exception:  # the database may be restarting; try again next round
            logger.exception("sealing survey responses failed")
        finally:
            close_old_connections()
        _stop_sealing.wait(getattr(settings, "SURVEY_SEAL_SECONDS", 120))


@worker_ready.connect
def start_sealing(sender=None, **kwargs) -> None:
    _stop_sealing.clear()
    threading.Thread(target=_seal_while_running, name="survey-sealing", daemon=True).start()


@worker_shutdown.connect
def stop_sealing(sender=None, **kwargs) -> None:
    _stop_sealing.set()
