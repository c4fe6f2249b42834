"""What a worker's main process runs beside its jobs, whether or not beat runs.

A heartbeat for /healthz: a thread writes a timestamp every WORKER_HEARTBEAT_SECONDS, so
/healthz tells "worker alive" apart from "queue empty". And any app's periodic chores
(`every`): sweeping lost report jobs, say, run when the worker is ready and then on their
own timer, so they happen as soon as a worker is available."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from celery.signals import worker_ready, worker_shutdown

logger = logging.getLogger(__name__)
_stop = threading.Event()


@dataclass(frozen=True)
class Chore:
    name: str
    job: Callable[[], object]
    seconds: Callable[[], float]  # read each round, so settings (and tests) can change it


_chores: list[Chore] = []


def every(name: str, seconds: Callable[[], float], job: Callable[[], object]) -> None:
    """Run `job` in each worker's main process when the worker is ready, then every
    `seconds()`. The job must be safe to run in several workers at once."""
    _chores.append(Chore(name, job, seconds))


def _loop(chore: Chore) -> None:
    from django.db import close_old_connections

    while not _stop.is_set():
        try:
            chore.job()
        except Exception:  # the database or broker may be restarting; try again next round
            logger.exception("worker chore %s failed", chore.name)
        finally:
            close_old_connections()
        _stop.wait(chore.seconds())


def _heartbeat(hostname: str) -> Chore:
    from django.conf import settings

    from .services import worker_heartbeat_record

    return Chore("heartbeat", lambda: worker_heartbeat_record(hostname=hostname),
                 lambda: settings.WORKER_HEARTBEAT_SECONDS)


@worker_ready.connect
def start_heartbeat(sender=None, **kwargs) -> None:
    hostname = getattr(sender, "hostname", None) or "worker"
    _stop.clear()
    for chore in [_heartbeat(hostname), *_chores]:
        threading.Thread(target=_loop, args=(chore,), name=chore.name, daemon=True).start()


@worker_shutdown.connect
def stop_heartbeat(sender=None, **kwargs) -> None:
    _stop.set()
    hostname = getattr(sender, "hostname", None)
    if hostname:
        from .services import worker_heartbeat_forget

        worker_heartbeat_forget(hostname=hostname)
