"""What an anonymous survey keeps of its respondents, for the owner's pages and the
answer form's notice."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from ..models import AnonymityPlan, Survey
from ..services.generalisation import anonymity_k, audience_plan

register = template.Library()

ATTRIBUTES = ("unit", "age_band", "gender", "staff_group")


@register.simple_tag
def survey_anonymity_k() -> int:
    return anonymity_k()


def plan_summary(survey: Survey) -> dict:
    """The stored plan's summary; before the survey opens, what its audience would allow."""
    plan = AnonymityPlan.objects.filter(survey=survey).first()
    return plan.summary if plan else audience_plan(survey)[2]


@register.inclusion_tag("surveys/panels/_anonymity.html")
def anonymity_panel(survey: Survey) -> dict:
    summary = plan_summary(survey)
    rows = [(name, summary["attributes"].get(name, {})) for name in ATTRIBUTES]
    steps = {"unit": _("the unit is rolled up to the unit above, at most up to %(owner)s")
             % {"owner": survey.owner_unit.name},
             "age_band": _("the age band is left out"),
             "gender": _("the gender is left out"),
             "staff_group": _("the staff group is left out")}
    return {"survey": survey, "k": summary["k"], "invited": summary["invited"],
            "rows": rows, "planned": survey.status != Survey.Status.DRAFT,
            "steps": [*(steps[name] for name in summary["steps"] if name in steps),
                      _("if still too few share what is left, the unit is left out too")]}
