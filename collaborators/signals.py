"""Signals other apps connect to; this app imports none of them (see BRIEF, "which app may
import which")."""

from django.dispatch import Signal

# Sent after the transaction that escalated an opinion report commits, with
# `report` (OpinionReport) and `by` (User). The grievance tracker in `directives` opens an
# issue from it and links the issue back to the report.
opinion_report_escalated = Signal()
