from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.generic import ListView

from ..forms import MemberCountForm
from ..models import Unit
from ..permissions import can_change_unit, role_required
from ..selectors import unit_role_counts, unit_totals, units_for
from ..services import unit_update_member_count


class UnitListView(LoginRequiredMixin, ListView):
    template_name = "portal/unit_list.html"
    context_object_name = "units"

    def get_queryset(self):
        return units_for(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["totals"] = unit_totals(Unit.objects.visible_to(self.request.user))
        return context


unit_list = role_required("officer")(UnitListView.as_view())


@login_required
def unit_detail(request, pk: int):
    unit = get_object_or_404(units_for(request.user), pk=pk)
    return render(
        request,
        "portal/unit_detail.html",
        {
            "unit": unit,
            "children": units_for(request.user).filter(parent=unit),
            "role_counts": unit_role_counts(unit),
            "can_change": can_change_unit(request.user, unit),
        },
    )


@login_required
def unit_member_count(request, pk: int):
    unit = get_object_or_404(Unit.objects.changeable_by(request.user), pk=pk)
    form = MemberCountForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        unit_update_member_count(
            unit=unit, member_count=form.cleaned_data["member_count"], by=request.user
        )
        messages.success(request, _("The member count of %(unit)s was saved.") % {"unit": unit})
        return redirect(unit)
    return render(request, "portal/unit_member_count.html", {"unit": unit, "form": form})
