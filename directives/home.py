"""What the home page shows about directives: each officer's units' tasks that are overdue
or due within a week."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.home import register_todos
from portal.tracking import tracked_todos

from .contributions import STATE_PARAM
from .models import TaskProgress

register_todos(tracked_todos(
    model=TaskProgress, overdue_label=_("Overdue tasks of directives"),
    due_label=_("Tasks of directives due within 7 days"),
    url=lambda which: f"{reverse('directives:progress_list')}?{STATE_PARAM}={which}"))
