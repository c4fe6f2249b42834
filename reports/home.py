"""What the reports app puts on a committee member's or officer's home page."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.home import Todo, register_todos

from .models import Report


@register_todos
def report_todos(user) -> list[Todo]:
    if not (user.is_committee or user.is_officer):
        return []
    since = timezone.now() - timedelta(days=7)
    counts = Report.objects.visible_to(user).aggregate(
        failed=Count("pk", filter=Q(status=Report.Status.FAILED)),
        fresh=Count("pk", filter=Q(status=Report.Status.DONE, generated_at__gte=since)),
    )
    url = reverse("reports:list")
    todos = []
    if counts["failed"]:
        todos.append(Todo(_("Reports whose generation failed"), url, counts["failed"], "danger"))
    if counts["fresh"]:
        todos.append(Todo(_("New reports ready to read and sign"), url, counts["fresh"], "info"))
    return todos
