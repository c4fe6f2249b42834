"""What the home page shows each role about the opinion network and opinion reports."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.home import Panel, Todo, register_panel, register_todos

from .models import Collaborator, OpinionReport


@register_todos
def _todos(user) -> list[Todo]:
    from .selectors import waiting_reports

    todos = []
    if user.is_officer or user.is_committee:
        waiting = waiting_reports(user)
        queue = reverse("collaborators:report_list")
        if waiting["urgent"]:
            todos.append(Todo(_("Urgent opinion reports waiting for review"),
                              f"{queue}?status=new&urgency=urgent", waiting["urgent"], "danger"))
        if user.is_officer and waiting["all"]:
            todos.append(Todo(_("Opinion reports waiting for your review"), queue,
                              waiting["all"], "warning"))
    if user.is_officer:
        untrained = Collaborator.objects.changeable_by(user).untrained().count()
        if untrained:
            todos.append(Todo(_("Active collaborators not trained in the last 12 months"),
                              reverse("collaborators:list") + "?status=active&trained=no",
                              untrained, "info"))
    return todos


@register_panel
def _network(user) -> Panel | None:
    from .selectors import coverage_summary

    if not (user.is_officer or user.is_committee):
        return None
    if user.is_officer and not user.unit_id:
        return None
    summary = coverage_summary(unit=None if user.is_committee else user.unit)
    return Panel(_("Opinion network"), "collaborators/panels/_network.html",
                 {"summary": summary}, order=20)


@register_panel
def _my_reports(user) -> Panel | None:
    if user.role != user.Role.COLLABORATOR:
        return None
    mine = OpinionReport.objects.filter(author=user)
    profile = Collaborator.objects.filter(account=user).with_last_training().first()
    return Panel(_("My opinion work"), "collaborators/panels/_mine.html", {
        "reports": mine.select_related("unit")[:3], "report_count": mine.count(),
        "profile": profile}, order=1)
