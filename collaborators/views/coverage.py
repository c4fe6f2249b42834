from django.shortcuts import render
from django.utils.translation import gettext as _

from portal.filters import unit_from_query
from portal.models import Unit
from portal.permissions import role_required

from .. import charts
from ..selectors import coverage_summary


@role_required("officer")
def coverage(request):
    """The committee sees every unit; an officer their unit and the units below it. Pick a
    unit to see it and the units right below it."""
    user = request.user
    visible = Unit.objects.visible_to(user)
    unit = unit_from_query(request, visible)
    if unit is None and not user.is_committee:
        unit = visible.filter(pk=user.unit_id).first()
    summary = coverage_summary(unit=unit)
    rows = summary.units or [summary.total]
    comp = summary.composition
    return render(request, "collaborators/coverage.html", {
        "summary": summary, "unit": unit, "units": visible,
        "charts": {
            "ratio": charts.ratio_chart(rows),
            "trained": charts.trained_chart(rows),
            "group": charts.composition_chart(comp.by_group, _("By composition group")),
            "gender": charts.composition_chart(comp.by_gender, _("By gender")),
            "age": charts.composition_chart(comp.by_age, _("By age")),
            "role": charts.composition_chart(comp.by_role, _("By role in the network")),
        },
        "section": "coverage",
    })
