"""Pages of the good-practice library. Thin: parse, call a selector or a service, render.
Every lookup goes through `visible_to` / `changeable_by`: a draft of another unit is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.files import private_file_response
from portal.models import Unit
from portal.permissions import can_change_unit, role_required

from . import selectors, services, sources
from .forms import AdoptionForm, EndorseForm, LibraryFilterForm, PracticeForm
from .models import Attachment, Practice

PAGE_SIZE = 20


@login_required
def library(request):
    form = LibraryFilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    practices = selectors.library(request.user, words=filters.get("q", ""),
                                  area=filters.get("area", ""), unit=filters.get("unit"))
    page = Paginator(practices, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "practices/library.html", {
        "form": form, "page_obj": page, "practices": page.object_list,
        "searching": bool(filters),
        "can_write": request.user.is_officer or request.user.is_committee,
    })


def _detail_context(request, practice: Practice, **extra) -> dict:
    user = request.user
    adoptable = practice.is_published and (user.is_officer or user.is_committee) and (
        Unit.objects.changeable_by(user).exclude(pk=practice.unit_id)
        .exclude(pk__in=practice.adoptions.values("unit")).exists())
    return {
        "practice": practice, "evidence": selectors.survey_evidence(practice),
        "adoptions": selectors.adoptions_of(practice), "rating": selectors.rating_of(practice),
        "attachments": practice.attachments.all(), "tags": practice.tags.all(),
        "can_change": can_change_unit(user, practice.unit),
        "can_endorse": user.is_committee and practice.is_published,
        "can_adopt": adoptable, "source": sources.source_of(practice, user),
        "endorse_form": extra.pop("endorse_form", None) or EndorseForm(
            initial={"note": practice.endorsement_note}), **extra,
    }


@login_required
def detail(request, pk: int):
    practice = get_object_or_404(Practice.objects.visible_to(request.user)
                                 .select_related("unit", "endorsed_by", "survey_before",
                                                 "survey_after"), pk=pk)
    return render(request, "practices/detail.html", _detail_context(request, practice))


@role_required("officer")
@require_http_methods(["GET", "POST"])
def practice_form(request, pk: int | None = None):
    user = request.user
    practice = None
    if pk is not None:
        practice = get_object_or_404(Practice.objects.changeable_by(user), pk=pk)
    found = sources.from_query(request, user) if practice is None else {}
    initial = {"unit": user.unit_id, **found.get("initial", {})}
    form = PracticeForm(request.POST or None, request.FILES or None, instance=practice,
                        user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("tags", "attachment")}
        try:
            if practice is None:
                practice = services.practice_create(
                    data=data, by=user, tags=form.cleaned_data["tags"],
                    attachment=form.cleaned_data["attachment"], **found.get("links", {}))
                messages.success(request, _("The practice was saved as a draft. Publish it "
                                            "when it is ready for everyone to read."))
            else:
                services.practice_update(practice=practice, data=data, by=user,
                                         tags=form.cleaned_data["tags"],
                                         attachment=form.cleaned_data["attachment"])
                messages.success(request, _("The changes were saved."))
            return redirect(practice)
        except ValidationError as error:
            form.add_error(None, error)
    return render(request, "practices/form.html", {
        "form": form, "practice": practice, "source": found.get("source"),
        "title": _("Edit the practice") if practice else _("Write up a good practice"),
    })


@role_required("officer")
@require_POST
def publish(request, pk: int):
    practice = get_object_or_404(Practice.objects.changeable_by(request.user), pk=pk)
    services.practice_publish(practice=practice, by=request.user)
    messages.success(request, _("The practice is published: everyone in the portal can read "
                                "it now."))
    return redirect(practice)


@login_required
@require_POST
def endorse(request, pk: int):
    if not request.user.is_committee:
        raise PermissionDenied
    practice = get_object_or_404(Practice.objects.visible_to(request.user)
                                 .select_related("unit"), pk=pk)
    form = EndorseForm(request.POST)
    if form.is_valid():
        try:
            services.practice_endorse(practice=practice, note=form.cleaned_data["note"],
                                      by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The practice is endorsed for replication."))
            return redirect(practice)
    return render(request, "practices/detail.html",
                  _detail_context(request, practice, endorse_form=form), status=400)


@role_required("officer")
@require_http_methods(["GET", "POST"])
def adopt(request, pk: int):
    user = request.user
    practice = get_object_or_404(Practice.objects.visible_to(user).select_related("unit"),
                                 pk=pk)
    if not practice.is_published:
        messages.warning(request, _("Only a published practice can be adopted."))
        return redirect(practice)
    form = AdoptionForm(request.POST or None, user=user, practice=practice,
                        initial={"unit": user.unit_id})
    if request.method == "POST" and form.is_valid():
        try:
            services.adoption_record(practice=practice, by=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: the adoption is recorded on the "
                                        "practice's page."))
            return redirect(practice)
    return render(request, "practices/adopt.html", {"form": form, "practice": practice})


@login_required
def attachment(request, pk: int):
    item = get_object_or_404(Attachment.objects.visible_to(request.user), pk=pk)
    stem = item.name.rsplit(".", 1)[0] if "." in item.name else item.name
    return private_file_response(item.file, filename=stem or "tep-dinh-kem")


@role_required("officer")
@require_POST
def attachment_delete(request, pk: int):
    item = get_object_or_404(Attachment.objects.changeable_by(request.user)
                             .select_related("practice__unit"), pk=pk)
    practice = item.practice
    services.attachment_delete(attachment=item, by=request.user)
    messages.success(request, _("The attachment was removed."))
    return redirect(practice)
