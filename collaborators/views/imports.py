from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.models import Unit
from portal.permissions import role_required

from ..excel import XLSX_TYPE, template_workbook
from ..forms import ImportUploadForm
from ..importer import (
    ImportFileError,
    ImportRejected,
    rejected_workbook,
    roster_import_confirm,
    roster_import_plan,
    roster_import_preview,
)
from ..models import ImportBatch

PREVIEW_ROWS = 200  # rows listed per kind on the preview; every error is always listed


@role_required("officer")
@require_http_methods(["GET", "POST"])
def import_start(request):
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = roster_import_preview(upload=form.cleaned_data["file"], by=request.user)
        except ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("collaborators:import_preview", pk=batch.pk)
    done = ImportBatch.objects.visible_to(request.user).filter(
        status=ImportBatch.Status.APPLIED)[:5]
    return render(request, "collaborators/import_start.html",
                  {"form": form, "done": done, "section": "import",
                   "units": Unit.objects.changeable_by(request.user).active()})


@role_required("officer")
def import_template(request):
    unit = request.user.unit
    response = HttpResponse(template_workbook(unit.code if unit else ""),
                            content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-ctv.xlsx"'
    return response


@role_required("officer")
@require_http_methods(["GET", "POST"])
def import_preview(request, pk: int):
    batch = get_object_or_404(ImportBatch.objects.visible_to(request.user), pk=pk)
    if batch.status == ImportBatch.Status.APPLIED:
        if batch.rejected_file:  # what was left out, to fix and upload again
            return render(request, "collaborators/import_done.html",
                          {"batch": batch, "section": "import"})
        messages.info(request, _("This file was imported: %(c)s added, %(u)s updated.")
                      % {"c": batch.created_count, "u": batch.updated_count})
        return redirect("collaborators:list")
    if request.method == "POST":
        valid_rows_only = request.POST.get("rows") == "valid"
        try:
            batch = roster_import_confirm(batch=batch, by=request.user,
                                          valid_rows_only=valid_rows_only)
        except ImportRejected as rejected:
            plan = rejected.plan
            messages.error(request, _("Nothing was imported: the file no longer passes the "
                                      "checks. See below."))
        else:
            messages.success(request, _("Imported: %(c)s added, %(u)s updated.")
                             % {"c": batch.created_count, "u": batch.updated_count})
            if batch.rejected_file:
                return redirect("collaborators:import_preview", pk=batch.pk)
            return redirect("collaborators:list")
    else:
        plan = roster_import_plan(batch, request.user)
    return render(request, "collaborators/import_preview.html", {
        "batch": batch, "plan": plan, "limit": PREVIEW_ROWS, "section": "import",
        "creates": plan.to_create[:PREVIEW_ROWS], "updates": plan.to_update[:PREVIEW_ROWS],
    })


@role_required("officer")
def import_rejected(request, pk: int):
    """The refused rows of an upload, with the reason for each, as .xlsx to fix: worked out
    from the kept sheet before the import, kept with the batch after a partial import."""
    batch = get_object_or_404(ImportBatch.objects.visible_to(request.user), pk=pk)
    if batch.rejected_file:
        try:
            content = batch.rejected_file.read()
        except FileNotFoundError:
            raise Http404 from None
    else:
        plan = roster_import_plan(batch, request.user)
        if not plan.errors:
            raise Http404
        content = rejected_workbook(plan)
    response = HttpResponse(content, content_type=XLSX_TYPE)
    name = f"dong-can-sua-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
