"""What the grievance register registers: menu, home to-dos, contributions, demo seed, and
the case an escalated opinion report opens."""

from __future__ import annotations

import logging

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

logger = logging.getLogger(__name__)


def open_case_for_escalated_report(sender, *, report, by, **kwargs) -> None:
    """`collaborators.signals.opinion_report_escalated`: open the case linked to the report
    (sent after the escalation commits; a second escalation finds the same case)."""
    from django.core.exceptions import PermissionDenied

    from .cases.services import case_from_opinion_report

    try:
        case_from_opinion_report(report=report, by=by)
    except PermissionDenied:
        logger.warning("opinion report %s escalated by someone who may not open its case",
                       report.pk)


def register() -> None:
    from collaborators.signals import opinion_report_escalated
    from portal.navigation import MenuEntry
    from portal.navigation import register as menu

    from .cases import contributions, home, seed

    menu(MenuEntry(pgettext_lazy("menu", "Grievances"), "dialogue:case_queue",
                   "inboxes", order=45, roles=frozenset({"officer"}), group="work"))
    menu(MenuEntry(_("My concerns"), "dialogue:my_cases", "chat-square-text", order=46,
                   roles=frozenset({"member", "collaborator"})))
    home.register()
    contributions.register()
    seed.register()
    opinion_report_escalated.connect(open_case_for_escalated_report,
                                     dispatch_uid="dialogue.cases.escalated_report")
