"""Telling a report's recipients that it is ready."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation

from portal.models import User

from .models import Report


def recipients_of(report: Report) -> list[User]:
    """The committee for a university-wide report; the scope unit's officers and the
    committee for a unit's report."""
    people = Q(role=User.Role.COMMITTEE)
    if report.scope.parent_id is not None:
        people |= Q(role=User.Role.OFFICER, unit=report.scope)
    return list(User.objects.filter(people, is_active=True).exclude(email="").order_by("pk"))


def report_announce_done(*, report_id: int) -> int:
    report = Report.objects.select_related("scope").get(pk=report_id)
    base = settings.PORTAL_BASE_URL.rstrip("/")
    with translation.override("vi"):
        messages = []
        for user in recipients_of(report):
            subject = f"[Cổng DLXH] {report.get_kind_display()} {report.number_label}"
            body = render_to_string("reports/email_done.txt", {
                "user": user, "report": report, "link": base + report.get_absolute_url()})
            messages.append((subject, body, None, [user.email]))
    send_mass_mail(messages, fail_silently=False)
    return len(messages)
