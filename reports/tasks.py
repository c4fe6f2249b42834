from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)


def publish(task, *args) -> None:
    """Send `task` now or raise: one connection attempt bounded by REPORTS_BROKER_TIMEOUT
    seconds and no retry (Celery's default policy kept a request waiting 19.5 s on a broker
    that was down)."""
    from portal.celery import app

    if app.conf.task_always_eager:
        task.apply_async(args)
        return
    timeout = getattr(settings, "REPORTS_BROKER_TIMEOUT", 1.0)
    with app.connection_for_write() as connection:
        connection.connect_timeout = timeout
        connection.ensure_connection(max_retries=0, timeout=timeout)
        task.apply_async(args, connection=connection, retry=False)


@shared_task(
    bind=True,
    name="reports.generate",
    acks_late=True,  # a job whose worker dies is delivered again, not lost
    reject_on_worker_lost=True,
    max_retries=3,
    ignore_result=True,  # nobody reads it, and a result backend that is down must not block
    soft_time_limit=240,
    time_limit=300,
)
def report_generate(self, report_id: int, generation: int) -> str:
    from .services import report_mark_failed, report_release, report_render

    try:
        report = report_render(report_id=report_id, generation=generation)
    except Exception as error:
        logger.exception("report %s generation %s failed", report_id, generation)
        if self.request.retries < self.max_retries:
            report_release(report_id=report_id, generation=generation)
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
    """The beat schedule's sweep; workers run the same one without beat (reports.recovery)."""
    from .services import report_recover_lost

    return report_recover_lost()


@shared_task(name="reports.announce", max_retries=3, default_retry_delay=60)
def report_announce(report_id: int) -> int:
    from .notifications import report_announce_done

    return report_announce_done(report_id=report_id)


@shared_task(name="reports.unit_report_render", max_retries=3, default_retry_delay=30,
             ignore_result=True)
def unit_report_render_task(report_id: int) -> str:
    """Make a submitted unit report's PDF and Word files."""
    from .unit_reports.services import unit_report_render

    return "done" if unit_report_render(report_id=report_id) else "skipped"


@shared_task(name="reports.unit_report_reminders")
def unit_report_reminders() -> int:
    """Daily: remind the officers of units whose monthly report is due soon or late."""
    from .unit_reports.reminders import send_reminders

    return send_reminders(today=timezone.localdate())
