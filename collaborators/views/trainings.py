from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.filters import UNIT_PARAM
from portal.models import Unit
from portal.permissions import can_change_unit, role_required

from ..forms import AttendanceForm, TrainingForm
from ..models import Attendance, Collaborator, Training
from ..services import training_create, training_set_attendance, training_update


@role_required("officer", "collaborator")
def training_list(request):
    user = request.user
    trainings = (Training.objects.visible_to(user).select_related("organiser")
                 .annotate(attendee_count=Count("attendances", distinct=True),
                           mine=Count("attendances", distinct=True,
                                      filter=Q(attendances__collaborator__account=user)))
                 .order_by("-held_on", "-pk"))
    page = Paginator(trainings, 25).get_page(request.GET.get("page"))
    untrained = None
    if user.is_officer or user.is_committee:
        untrained = Collaborator.objects.changeable_by(user).untrained().count()
    return render(request, "collaborators/training_list.html", {
        "page_obj": page, "trainings": page.object_list, "untrained": untrained,
        "can_add": Unit.objects.changeable_by(user).exists(), "section": "trainings",
    })


@role_required("officer", "collaborator")
def training_detail(request, pk: int):
    training = get_object_or_404(Training.objects.visible_to(request.user)
                                 .select_related("organiser"), pk=pk)
    attendees = (Attendance.objects.visible_to(request.user).filter(training=training)
                 .select_related("collaborator", "collaborator__unit")
                 .order_by(*[f"collaborator__{f}" for f in Collaborator._meta.ordering]))
    return render(request, "collaborators/training_detail.html", {
        "training": training, "attendees": attendees,
        "total": training.attendances.count(),
        "can_change": can_change_unit(request.user, training.organiser),
        "can_record": Unit.objects.changeable_by(request.user).exists(),
        "section": "trainings",
    })


@role_required("officer")
@require_http_methods(["GET", "POST"])
def training_form(request, pk: int | None = None):
    training = None
    if pk is not None:
        training = get_object_or_404(Training.objects.changeable_by(request.user), pk=pk)
    form = TrainingForm(request.POST or None, instance=training, user=request.user,
                        initial={"organiser": request.user.unit_id})
    if request.method == "POST" and form.is_valid():
        if training is None:
            training = training_create(data=form.cleaned_data, by=request.user)
            messages.success(request, _("The training was saved; now record who attended."))
            return redirect("collaborators:training_attendance", pk=training.pk)
        training_update(training=training, data=form.cleaned_data, by=request.user)
        messages.success(request, _("The changes were saved."))
        return redirect(training)
    return render(request, "collaborators/training_form.html", {
        "form": form, "training": training, "section": "trainings",
        "title": _("Edit the training") if training else _("Add a training"),
    })


@role_required("officer")
@require_http_methods(["GET", "POST"])
def training_attendance(request, pk: int):
    """Tick who attended, one unit (and the units below it) at a time."""
    user = request.user
    training = get_object_or_404(Training.objects.visible_to(user), pk=pk)
    units = Unit.objects.changeable_by(user).active()
    chosen = request.POST.get(UNIT_PARAM) or request.GET.get(UNIT_PARAM) or ""
    unit = (units.filter(pk=chosen).first() if chosen.isdigit() else None) \
        or units.filter(pk=user.unit_id).first() or units.first()
    if unit is None:
        return redirect(training)
    attending = Attendance.objects.filter(training=training).values("collaborator_id")
    candidates = (Collaborator.objects.changeable_by(user).in_subtree(unit)
                  .filter(~Q(status=Collaborator.Status.ENDED) | Q(pk__in=attending))
                  .select_related("unit"))
    form = AttendanceForm(request.POST or None, candidates=candidates,
                          initial={"present": list(candidates.filter(pk__in=attending))})
    if request.method == "POST" and form.is_valid():
        added, removed = training_set_attendance(
            training=training, candidates=candidates, present=form.cleaned_data["present"],
            by=user)
        messages.success(request, _("Attendance saved: %(a)s added, %(r)s removed.")
                         % {"a": added, "r": removed})
        return redirect(training)
    return render(request, "collaborators/training_attendance.html", {
        "training": training, "form": form, "unit": unit, "units": units,
        "section": "trainings",
    })
