"""Writes of the units' opinion reports. Every one checks who acts first
(`require_change`), refuses with a Vietnamese message what the workflow forbids
(`UnitReportError`), and stores nothing when it refuses.

Draft → submitted (numbered in the unit's yearly sequence, files made by a job) →
acknowledged by the committee. A sent report is never edited again."""

from __future__ import annotations

import logging
from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import Unit, User
from portal.permissions import require_change

from ..models import DocumentSettings, UnitReport, UnitReportIssue
from ..models.unit_reports import due_on
from ..services import _next_number, _symbol_for, _write_atomically

logger = logging.getLogger(__name__)

# What the officer writes; the rest of a report is set by the workflow.
EDITABLE = ("subject", "mood", "mood_note", "situation", "forecast", "recommendations")
ISSUE_FIELDS = ("topic", "direction", "intensity", "spread", "handling")


class UnitReportError(ValueError):
    """A step the workflow does not allow; the message is for the user."""


def reporting_units():
    """The units that send the university a periodic report: the grassroots unions."""
    return Unit.objects.active().filter(kind=Unit.Kind.GRASSROOTS)


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def unit_report_start(*, unit: Unit, kind: str, month: date | None = None, subject: str = "",
                      by: User, today: date | None = None) -> UnitReport:
    """A unit's draft: the periodic report of `month` (the existing one if there is one),
    or a new quick report. Its situation is drafted from the unit's figures."""
    require_change(by, unit)
    from .document import drafted_situation

    today = today or timezone.localdate()
    if unit.kind != Unit.Kind.GRASSROOTS:
        raise UnitReportError(_("Only a grassroots union sends the university an opinion "
                                "report."))
    if kind == UnitReport.Kind.QUICK:
        if not subject.strip():
            raise UnitReportError(_("Say in a few words what the quick report is about."))
        month = first_of_month(today)
    elif kind == UnitReport.Kind.PERIODIC:
        if month is None:
            raise UnitReportError(_("Choose the month the report is about."))
        month = first_of_month(month)
        if month > first_of_month(today):
            raise UnitReportError(_("The month %(month)s has not begun: a report is about a "
                                    "month that has begun or ended.")
                                  % {"month": f"{month:%m/%Y}"})
        existing = UnitReport.objects.filter(unit=unit, kind=kind, month=month).first()
        if existing:
            return existing
    else:
        raise UnitReportError(_("Unknown kind of report."))
    report = UnitReport(unit=unit, kind=kind, month=month, due_on=due_on(month),
                        subject=subject.strip(), created_by=by,
                        situation=drafted_situation(unit, month)
                        if kind == UnitReport.Kind.PERIODIC else "")
    report.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:  # the same month drafted at the same instant
        return UnitReport.objects.get(unit=unit, kind=kind, month=month)
    return report


def _locked_draft(report: UnitReport) -> UnitReport:
    locked = UnitReport.objects.select_for_update().select_related("unit").get(pk=report.pk)
    if not locked.is_draft:
        raise UnitReportError(_("This report was submitted on %(date)s: it can no longer be "
                                "changed.") % {"date": _when(locked.submitted_at)})
    return locked


def _when(moment: datetime | None) -> str:
    return f"{timezone.localtime(moment):%d/%m/%Y}" if moment else "—"


@transaction.atomic
def unit_report_update(*, report: UnitReport, by: User, fields: dict,
                       issues: list[dict]) -> UnitReport:
    """The officer's assessment and the salient issues (replacing the previous list)."""
    require_change(by, report.unit)
    locked = _locked_draft(report)
    for name in EDITABLE:
        if name in fields:
            setattr(locked, name, (fields[name] or "").strip())
    if locked.kind == UnitReport.Kind.QUICK and not locked.subject:
        raise UnitReportError(_("Say in a few words what the quick report is about."))
    locked.full_clean(validate_constraints=False)
    rows = [UnitReportIssue(report=locked, position=n,
                            **{k: (issue.get(k) or "").strip() for k in ISSUE_FIELDS})
            for n, issue in enumerate(issues, start=1)]
    for row in rows:
        row.full_clean()
    locked.save()
    locked.issues.all().delete()
    for row in rows:
        row.save()
    return locked


def _submit(report: UnitReport, *, by: User, at: datetime) -> UnitReport:
    """Number a draft and mark it submitted (the caller holds the row's lock)."""
    if report.kind == UnitReport.Kind.PERIODIC and not report.mood:
        raise UnitReportError(_("Choose the overall mood of staff before submitting."))
    year = timezone.localdate(at).year
    report.year = year
    report.symbol = _symbol_for(report.unit, DocumentSettings.load())
    report.number = _next_number(year=year, symbol=report.symbol)
    report.status = UnitReport.Status.SUBMITTED
    report.submitted_at, report.submitted_by = at, by
    report.full_clean(validate_constraints=False)
    report.save()
    return report


@transaction.atomic
def unit_report_submit(*, report: UnitReport, by: User) -> UnitReport:
    """Send the report to the university: numbered, its files made by a job, closed."""
    require_change(by, report.unit)
    locked = _submit(_locked_draft(report), by=by, at=timezone.now())
    report_id = locked.pk
    transaction.on_commit(lambda: _enqueue_render(report_id))
    return locked


def _enqueue_render(report_id: int) -> None:
    from ..tasks import publish, unit_report_render_task

    try:
        publish(unit_report_render_task, report_id)
    except Exception as error:  # broker down: the download makes the files when asked
        logger.warning("unit report %s: files not queued (%s)", report_id, error)


@transaction.atomic
def unit_report_acknowledge(*, report: UnitReport, by: User, comment: str = "") -> UnitReport:
    """The committee has read the report; its comment goes back to the unit."""
    require_change(by, report.unit)
    if not by.is_committee:
        raise PermissionDenied(_("Only the Standing Committee acknowledges a unit's report."))
    locked = UnitReport.objects.select_for_update().get(pk=report.pk)
    if locked.status == UnitReport.Status.DRAFT:
        raise UnitReportError(_("This report is still a draft: the unit has not submitted "
                                "it yet."))
    if locked.status == UnitReport.Status.ACKNOWLEDGED:
        raise UnitReportError(_("This report was already acknowledged on %(date)s.")
                              % {"date": _when(locked.acknowledged_at)})
    locked.status = UnitReport.Status.ACKNOWLEDGED
    locked.acknowledged_at, locked.acknowledged_by = timezone.now(), by
    locked.acknowledgement = comment.strip()
    locked.full_clean(validate_constraints=False)
    locked.save()
    return locked


def unit_report_render(*, report_id: int) -> UnitReport | None:
    """Make a sent report's PDF and Word files, once (safe to run twice)."""
    from ..render_docx import render_docx
    from ..render_pdf import render_pdf
    from .document import build_unit_document

    report = UnitReport.objects.select_related("unit").get(pk=report_id)
    if report.is_draft or report.pdf:
        return None
    doc = build_unit_document(report)
    pdf, _pages = render_pdf(doc)
    docx = render_docx(doc)
    base = f"reports/units/{report.year}/{report.pk}-{report.number}"
    _write_atomically(base + ".pdf", pdf)
    _write_atomically(base + ".docx", docx)
    UnitReport.objects.filter(pk=report.pk, pdf="").update(pdf=base + ".pdf",
                                                          docx=base + ".docx")
    report.refresh_from_db()
    return report
