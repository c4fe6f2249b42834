"""Lost report jobs are found by the workers themselves, not only by beat.

When a worker is ready, and then every REPORTS_SWEEP_SECONDS, a thread in its main
process sends again the jobs that were never handed to the broker (it was down when they
were asked for) and those whose worker stopped renewing its lease (killed mid-render). So
a lost job is picked up within a minute of a worker being available, whether or not beat
runs. Several workers sweeping at once send each job once (`report_recover_lost`)."""

from __future__ import annotations

import logging
import threading

from celery.signals import worker_ready, worker_shutdown

logger = logging.getLogger(__name__)
_stop = threading.Event()


def _sweep_forever() -> None:
    from django.conf import settings
    from django.db import close_old_connections, connections

    from .services import report_recover_lost

    while not _stop.is_set():
        try:
            close_old_connections()
            report_recover_lost()
        except Exception:  # the database or the broker may be restarting: next sweep
            logger.exception("sweeping lost report jobs failed")
        finally:
            connections.close_all()
        _stop.wait(getattr(settings, "REPORTS_SWEEP_SECONDS", 15))


@worker_ready.connect
def start_sweeping(sender=None, **kwargs) -> None:
    _stop.clear()
    threading.Thread(target=_sweep_forever, name="reports-sweep", daemon=True).start()


@worker_shutdown.connect
def stop_sweeping(sender=None, **kwargs) -> None:
    _stop.set()
