"""Printing and issuing a document about an area's record (see `reports.issued`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.files import private_file_response

from . import issued as documents
from .models import IssuedDocument


@login_required
def subject_pdf(request, kind: str, pk: int):
    _subject, record = documents.record_for(request.user, kind, pk)
    pdf, name = documents.subject_pdf(kind=kind, record=record)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def subject_issue(request, kind: str, pk: int):
    _subject, record = documents.record_for(request.user, kind, pk)
    try:
        issued = documents.subject_issue(kind=kind, record=record, by=request.user)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Issued as %(number)s.") % {"number": issued.number_label})
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()},
                                           require_https=request.is_secure()):
        back = record.get_absolute_url() if hasattr(record, "get_absolute_url") else "/"
    return redirect(back)


@login_required
def issued_download(request, pk: int, fmt: str):
    if fmt not in ("pdf", "docx"):
        raise Http404
    issued = get_object_or_404(IssuedDocument, pk=pk)
    # Whoever may see the record may read what was issued about it.
    subject, record = documents.record_for(request.user, issued.kind, issued.subject_id)
    name = documents.download_name(subject, record)
    return private_file_response(issued.pdf if fmt == "pdf" else issued.docx,
                                 filename=f"{issued.number:02d}-{name}")
