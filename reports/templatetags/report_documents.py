"""`{% load report_documents %}{% subject_documents "inspection_conclusion" inspection %}`:
on an area's page, the document about the record: its printable PDF, and once issued its
number and files; the issue button for who may issue it."""

from django import template

from portal.contributions import document_subject
from portal.permissions import can_change_unit

from ..models import IssuedDocument

register = template.Library()


@register.inclusion_tag("reports/_subject_documents.html", takes_context=True)
def subject_documents(context, kind: str, record):
    subject = document_subject(kind)
    request = context["request"]
    issued = IssuedDocument.objects.filter(kind=kind, subject_id=record.pk).first()
    return {
        "kind": kind, "record": record, "subject": subject, "issued": issued,
        "may_issue": subject.numbered and issued is None
        and can_change_unit(request.user, subject.issuer(record)),
        "next": request.get_full_path(), "csrf_token": context.get("csrf_token"),
    }
