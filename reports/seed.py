"""Demo reports: one of each kind for the university, and last month's for Bách khoa."""

from django.utils import timezone

from portal.contributions import document_subject
from portal.demo import register
from portal.models import Unit

from .models import Report
from .periods import period_ending_on_cutoff
from .services import report_render, report_request, report_request_for_survey
from .unit_reports.seed import seed as unit_reports_seed


def seed(*, stdout) -> None:
    today = timezone.localdate()
    top = Unit.objects.get(code="CDDHQG")
    wanted = [(kind, top) for kind in Report.Kind.values if kind != Report.Kind.SURVEY]
    wanted.append((Report.Kind.MONTHLY, Unit.objects.get(code="BK")))
    reports = [report_request(kind=kind, period=period_ending_on_cutoff(kind, today),
                              scope=scope, by=None) for kind, scope in wanted]
    closed = document_subject("survey").demo()
    if closed is not None:
        reports.append(report_request_for_survey(survey=closed, by=None))
    for report in reports:
        if report.status != Report.Status.DONE:
            try:
                report_render(report_id=report.pk, generation=report.generation)
            except OSError as error:  # WeasyPrint without Pango: the portal still runs
                stdout.write(f"reports: not rendered ({error}); PDF reports need Pango "
                             "(apt-get install libpango-1.0-0 libpangoft2-1.0-0)")
                return
    stdout.write(f"reports: {Report.objects.filter(status=Report.Status.DONE).count()} done")


register("reports", seed)
# The units' opinion reports come after the other apps' data they draft from.
register("reports-units", unit_reports_seed)
