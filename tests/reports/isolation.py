"""The reports area's part of tests/test_isolation.py: the units' opinion reports (the
official reports' own targets are in that file)."""

from __future__ import annotations

from django.core.files.base import ContentFile


def objects(bk, users) -> dict:
    from reports.models import UnitReport

    reports = UnitReport.objects.filter(unit=bk)
    draft = reports.filter(status=UnitReport.Status.DRAFT).order_by("pk").first()
    sent = (reports.filter(status=UnitReport.Status.SUBMITTED).order_by("pk").first()
            or reports.exclude(status=UnitReport.Status.DRAFT).order_by("pk").first())
    if not sent.pdf:  # rendering is tested elsewhere; the download is what is checked here
        sent.pdf.save("bao-cao-don-vi.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    from reports.models import Report

    official = Report.objects.filter(scope=bk).order_by("pk").first()
    return {"unit_draft": draft, "unit_sent": sent, "official": official}


def _on(name: str):
    return lambda o: ({"pk": o[name].pk}, [o[name]])


TARGETS = {
    "reports:unit_report_detail": _on("unit_sent"),
    "reports:unit_report_acknowledge": _on("unit_sent"),
    "reports:unit_report_download": lambda o: ({"pk": o["unit_sent"].pk, "fmt": "pdf"},
                                               [o["unit_sent"]]),
    "reports:unit_report_edit": _on("unit_draft"),
    "reports:unit_report_submit": _on("unit_draft"),
    "reports:review": _on("official"),
    "reports:issue": _on("official"),
}

BODIES = {
    "reports:review": lambda o: {"introduction": "Mở đầu", "recommendations": ""},
    "reports:unit_report_acknowledge": lambda o: {"comment": "Đã nhận."},
    "reports:unit_report_edit": lambda o: {
        "mood": "stable", "forecast": "Ổn định", "submit": "1",
        "issues-TOTAL_FORMS": "0", "issues-INITIAL_FORMS": "0"},
}
