"""What directives give the committee's dashboard (see `portal.contributions`): the share
of directive tasks done per unit, the overdue ones, and the version of its tables."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.contributions import register_data_version, register_indicator, table_version
from portal.filters import UNIT_PARAM
from portal.tracking import completion_indicator, overdue_indicator

STATE_PARAM = "tinh-trang"


def progress_url(unit_id: int | None, which: str) -> str:
    """The progress list of a unit's subtree (all units for None): "overdue" opens the
    overdue rows, "due" every row (the completion figure counts them all)."""
    params: dict[str, int | str] = {UNIT_PARAM: unit_id} if unit_id else {}
    if which == "overdue":
        params[STATE_PARAM] = "overdue"
    query = urlencode(params)
    return reverse("directives:progress_list") + (f"?{query}" if query else "")


def data_version() -> tuple:
    from .models import Directive, DirectiveTask, TaskProgress

    return (table_version(Directive), table_version(DirectiveTask),
            table_version(TaskProgress))


def register() -> None:
    from . import report_document
    from .models import TaskProgress

    report_document.register()
    register_indicator(completion_indicator(
        key="directives_done", label=_("Directive tasks done"), order=65, model=TaskProgress,
        list_url=progress_url))
    register_indicator(overdue_indicator(
        key="directives_overdue", label=_("Directive tasks overdue"), order=66,
        model=TaskProgress, list_url=progress_url))
    register_data_version("directives", data_version)
