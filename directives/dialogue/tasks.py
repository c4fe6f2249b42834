"""Celery finds an app's tasks in `<app>.tasks`: the two halves' tasks, gathered."""

from .cases.tasks import *  # noqa: F401,F403
from .sessions.tasks import *  # noqa: F401,F403
