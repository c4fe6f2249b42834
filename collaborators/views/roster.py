
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.files import private_file_response
from portal.models import Unit
from portal.permissions import can_change_unit, role_required

from ..excel import XLSX_TYPE, roster_workbook
from ..forms import CollaboratorForm, EndForm, RosterFilterForm
from ..models import Collaborator
from ..selectors import collaborator_trainings, roster
from ..services import collaborator_create, collaborator_end, collaborator_update
from .history import history_entries

PAGE_SIZE = 25


def _filtered(request):
    form = RosterFilterForm(request.GET or None, user=request.user)
    filters = form.filters()
    return form, filters, roster(request.user, **filters)


@role_required("officer")
def roster_list(request):
    form, filters, people = _filtered(request)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "collaborators/roster_list.html"
    if request.htmx and request.htmx.target == "roster-results":
        template += "#results"
    return render(request, template, {
        "form": form, "page_obj": page, "people": page.object_list,
        "filtered": bool(set(filters) - {"q"}),
        "can_add": Unit.objects.changeable_by(request.user).exists(),
        "query": request.GET.urlencode(), "section": "roster",
    })


@role_required("officer")
def roster_export(request):
    _form, _filters, people = _filtered(request)
    response = HttpResponse(roster_workbook(people.iterator(chunk_size=1000)),
                            content_type=XLSX_TYPE)
    name = f"danh-sach-ctv-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def collaborator_detail(request, pk: int):
    person = get_object_or_404(Collaborator.objects.visible_to(request.user)
                               .select_related("unit", "account"), pk=pk)
    trainings = list(collaborator_trainings(person))
    return render(request, "collaborators/collaborator_detail.html", {
        "person": person, "trainings": trainings,
        "training_hours": sum(a.training.hours for a in trainings),
        "can_change": can_change_unit(request.user, person.unit),
        "history": history_entries(person),
        "report_count": person.opinion_reports.count(), "section": "roster",
    })


@role_required("officer")
@require_http_methods(["GET", "POST"])
def collaborator_create_view(request):
    form = CollaboratorForm(request.POST or None, request.FILES or None, user=request.user,
                            initial={"unit": request.user.unit_id})
    if request.method == "POST" and form.is_valid():
        person = collaborator_create(data=form.cleaned_data, by=request.user)
        messages.success(request, _("%(name)s was added to the roster.") % {"name": person})
        return redirect(person)
    return render(request, "collaborators/collaborator_form.html",
                  {"form": form, "title": _("Add a collaborator"), "section": "roster"})


@role_required("officer")
@require_http_methods(["GET", "POST"])
def collaborator_edit(request, pk: int):
    person = get_object_or_404(Collaborator.objects.changeable_by(request.user), pk=pk)
    form = CollaboratorForm(request.POST or None, request.FILES or None, instance=person,
                            user=request.user)
    if request.method == "POST" and form.is_valid():
        collaborator_update(collaborator=person, data=form.cleaned_data, by=request.user)
        messages.success(request, _("The changes were saved."))
        return redirect(person)
    return render(request, "collaborators/collaborator_form.html",
                  {"form": form, "person": person, "section": "roster",
                   "title": _("Edit %(name)s") % {"name": person.full_name}})


@role_required("officer")
@require_http_methods(["GET", "POST"])
def collaborator_end_view(request, pk: int):
    person = get_object_or_404(Collaborator.objects.changeable_by(request.user), pk=pk)
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        collaborator_end(collaborator=person, on=form.cleaned_data["on"],
                         reason=form.cleaned_data["reason"], by=request.user)
        messages.success(request, _("%(name)s is no longer in the network; the record is "
                                    "kept.") % {"name": person})
        return redirect(person)
    return render(request, "collaborators/collaborator_end.html",
                  {"form": form, "person": person, "section": "roster"})


@login_required
def collaborator_decision(request, pk: int):
    """The decision scan, only for someone who may see the collaborator."""
    person = get_object_or_404(Collaborator.objects.visible_to(request.user), pk=pk)
    return private_file_response(person.decision_file, filename=f"quyet-dinh-{person.pk}")
