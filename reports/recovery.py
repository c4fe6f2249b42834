"""Lost report jobs are found by the workers themselves, not only by beat.

When a worker is ready, and then every REPORTS_SWEEP_SECONDS, its main process sends again
the jobs that were never handed to the broker (it was down when they were asked for) and
those whose worker stopped renewing its lease (killed mid-render). So a lost job is picked
up within a minute of a worker being available, whether or not beat runs. Several workers
sweeping at once send each job once (`report_recover_lost`)."""

from __future__ import annotations

from django.conf import settings

from portal.worker_signals import every


def _sweep() -> int:
    from .services import report_recover_lost

    return report_recover_lost()


every("reports-sweep", lambda: getattr(settings, "REPORTS_SWEEP_SECONDS", 15), _sweep)
