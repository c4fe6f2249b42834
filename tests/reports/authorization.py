"""The reports services added since tests/test_service_authorization.py was written (the
units' opinion reports, the review and issue of the university's report), in the shape of
its CASES: name -> (world, actor) -> (rows that must not change, the call). `world` needs
`.bk`, `.unit_draft` (a BK draft), `.unit_sent` (a BK report sent) and `.official` (the
university's monthly report, a draft); tests/reports/unit_reports/test_authorization.py
runs them."""

from __future__ import annotations

from datetime import date


def cases() -> dict:
    from reports import services as r
    from reports.unit_reports import services as u

    return {
        "unit_report_start": lambda w, by: ([], lambda: u.unit_report_start(
            unit=w.bk, kind="periodic", month=date(2026, 9, 1), by=by,
            today=date(2026, 11, 2))),
        "unit_report_update": lambda w, by: ([w.unit_draft], lambda: u.unit_report_update(
            report=w.unit_draft, by=by, fields={"forecast": "Ổn định"}, issues=[])),
        "unit_report_submit": lambda w, by: ([w.unit_draft], lambda: u.unit_report_submit(
            report=w.unit_draft, by=by)),
        "unit_report_acknowledge": lambda w, by: ([w.unit_sent], lambda: (
            u.unit_report_acknowledge(report=w.unit_sent, by=by, comment="Đã nhận."))),
        # The university's report: its unit is the top one, so only the committee may.
        "report_review": lambda w, by: ([w.official], lambda: r.report_review(
            report=w.official, by=by, introduction="Mở đầu", recommendations="")),
        "report_issue": lambda w, by: ([w.official], lambda: r.report_issue(
            report=w.official, by=by)),
    }


COMMITTEE_ONLY = {"unit_report_acknowledge", "report_review", "report_issue"}
