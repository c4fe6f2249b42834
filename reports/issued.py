"""Documents about an area's record: printed at any time, issued (numbered, PDF and Word,
filed) once. The area registers a `portal.contributions.DocumentSubject`; `reports` lays it
out in the Decree 30 form, numbers it and keeps the files (`IssuedDocument`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from portal.contributions import DocumentSubject, document_subject
from portal.models import User
from portal.permissions import require_change
from portal.text import fold

from .content import ReportDocument, numbered
from .models import DocumentSettings, IssuedDocument
from .render_docx import render_docx
from .render_pdf import render_pdf
from .services import _next_number


def subject_of(kind: str) -> DocumentSubject:
    try:
        return document_subject(kind)
    except KeyError:
        raise Http404 from None


def record_for(user, kind: str, pk: int) -> tuple[DocumentSubject, Any]:
    """The record a person may ask a document about; another unit's is a 404."""
    subject = subject_of(kind)
    record = subject.choices(user).filter(pk=pk).first()
    if record is None:
        raise Http404
    return subject, record


def symbol_for(subject: DocumentSubject, issuer) -> str:
    """"KL-CĐĐHQG" for the university's union, "KL-CĐBK" for a grassroots union's."""
    return f"{subject.symbol}-CĐ{'ĐHQG' if issuer.parent_id is None else issuer.code}"


def build_subject_document(subject: DocumentSubject, record, *, number_label: str,
                           issued_on) -> ReportDocument:
    settings_row = DocumentSettings.load()
    issuer = subject.issuer(record)
    is_unit = issuer.parent_id is not None
    with translation.override("vi"):
        sections = subject.sections(record)
        capacity, title, name = (subject.signer(record) if subject.signer else (
            "TM. BAN CHẤP HÀNH" if is_unit else settings_row.signer_capacity,
            settings_row.signer_title, "" if is_unit else settings_row.signer_name))
        return ReportDocument(
            parent_organisation=settings_row.issuer if is_unit
            else settings_row.parent_organisation,
            issuer=issuer.name if is_unit else settings_row.issuer,
            number_label=number_label, place=settings_row.place, issued_on=issued_on,
            doc_type=subject.document_name, subject=subject.title(record),
            intro=subject.intro(record), sections=numbered(sections),
            recipients=[*subject.recipients(record), "Lưu: VT"],
            signer_capacity=capacity, signer_title=title, signer_name=name)


def subject_pdf(*, kind: str, record) -> tuple[bytes, str]:
    """The document as it stands now, not numbered: to read, print or sign on paper."""
    subject = subject_of(kind)
    issuer = subject.issuer(record)
    issued = IssuedDocument.objects.filter(kind=kind, subject_id=record.pk).first()
    label = issued.number_label if issued else f"…/{symbol_for(subject, issuer)}"
    doc = build_subject_document(subject, record, number_label=label,
                                 issued_on=issued.issued_on if issued else timezone.localdate())
    return render_pdf(doc)[0], download_name(subject, record)


def download_name(subject: DocumentSubject, record) -> str:
    words = slugify(fold(f"{subject.document_name} {subject.title(record)}"))
    return words[:80].strip("-") or subject.kind


def subject_issue(*, kind: str, record, by: User) -> IssuedDocument:
    """Number the document in its issuer's yearly sequence, make its PDF and Word files and
    file them. Only who may change the issuer's records may issue; a record is issued once."""
    subject = subject_of(kind)
    issuer = subject.issuer(record)
    require_change(by, issuer)
    if not subject.numbered:
        raise ValidationError(_("This document is printed, not issued with a number."))
    if IssuedDocument.objects.filter(kind=kind, subject_id=record.pk).exists():
        raise ValidationError(_("This document has already been issued."))
    today = timezone.localdate()
    symbol = symbol_for(subject, issuer)
    try:
        with transaction.atomic():
            number = _next_number(year=today.year, symbol=symbol)
            issued = IssuedDocument(
                kind=kind, subject_id=record.pk, issuer=issuer, year=today.year,
                symbol=symbol, number=number, issued_on=today, issued_by=by,
                document_name=subject.document_name,
                subject_line=subject.title(record)[:400])
            doc = build_subject_document(subject, record, number_label=issued.number_label,
                                         issued_on=today)
            name = download_name(subject, record)
            issued.pdf.save(f"{name}.pdf", ContentFile(render_pdf(doc)[0]), save=False)
            issued.docx.save(f"{name}.docx", ContentFile(render_docx(doc)), save=False)
            issued.full_clean()
            issued._history_user = by
            issued.save()
    except IntegrityError:  # issued at the same moment by someone else
        raise ValidationError(_("This document has already been issued.")) from None
    return issued
