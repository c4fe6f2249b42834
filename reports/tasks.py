from __future__ import annotations

import logging

from celery import shared_task
from django.utils import timezone

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    name="reports.generate",
    acks_late=True,  # a job whose worker dies is delivered again, not lost
    reject_on_worker_lost=True,
    max_retries=3,
    soft_time_limit=240,
    time_limit=300,
)
def report_generate(self, report_id: int, generation: int) -> str:
    from .services import report_mark_failed, report_render

    try:
        report = report_render(report_id=report_id, generation=generation)
    except Exception as error:
        logger.exception("report %s generation %s failed", report_id, generation)
        if self.request.retries < self.max_retries:
            raise self.retry(exc=error, countdown=10 * 2**self.request.retries) from error
        report_mark_failed(report_id=report_id, generation=generation,
                           error=f"{type(error).__name__}: {error}")
        return "failed"
    return "done" if report else "skipped"


@shared_task(name="reports.run_schedule")
def reports_run_schedule(kind: str) -> int:
    """Called by beat (django-celery-beat schedules, editable in the admin)."""
    from .services import reports_for_schedule

    return len(reports_for_schedule(kind=kind, today=timezone.localdate()))


@shared_task(name="reports.requeue_stale")
def reports_requeue_stale() -> int:
    from .services import report_requeue_stale

    return report_requeue_stale()


@shared_task(name="reports.announce", max_retries=3, default_retry_delay=60)
def report_announce(report_id: int) -> int:
    from .notifications import report_announce_done

    return report_announce_done(report_id=report_id)
