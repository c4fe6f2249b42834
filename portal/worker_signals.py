"""Worker heartbeat for /healthz.

A thread in the worker's main process writes a timestamp every WORKER_HEARTBEAT_SECONDS.
It does not depend on beat or on the queue, so /healthz tells "worker alive" apart from
"queue empty"."""

from __future__ import annotations

import logging
import threading

from celery.signals import worker_ready, worker_shutdown

logger = logging.getLogger(__name__)
_stop = threading.Event()


def _beat(hostname: str) -> None:
    from django.conf import settings
    from django.db import close_old_connections

    from .services import worker_heartbeat_record

    while not _stop.is_set():
        try:
            worker_heartbeat_record(hostname=hostname)
        except Exception:  # the database may be restarting; try again next beat
            logger.exception("worker heartbeat failed")
        finally:
            close_old_connections()
        _stop.wait(settings.WORKER_HEARTBEAT_SECONDS)


@worker_ready.connect
def start_heartbeat(sender=None, **kwargs) -> None:
    hostname = getattr(sender, "hostname", None) or "worker"
    _stop.clear()
    threading.Thread(target=_beat, args=(hostname,), name="heartbeat", daemon=True).start()


@worker_shutdown.connect
def stop_heartbeat(sender=None, **kwargs) -> None:
    _stop.set()
    hostname = getattr(sender, "hostname", None)
    if hostname:
        from .services import worker_heartbeat_forget

        worker_heartbeat_forget(hostname=hostname)
