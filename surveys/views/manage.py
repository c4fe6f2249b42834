"""Officers' and the committee's pages: the list, a survey's page, its settings and its
life cycle (open, close, copy, delete), invitations, reminders and the printable links."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.filters import UNIT_PARAM
from portal.models import Unit
from portal.permissions import role_required

from ..forms import SurveyForm
from ..models import Invitation, Survey
from ..results import survey_rates
from ..selectors import breakdown_root, survey_list
from ..services import (
    answer_url,
    audience_of,
    is_locked,
    survey_close,
    survey_copy,
    survey_create,
    survey_delete,
    survey_open,
    survey_send_invitations,
    survey_send_reminders,
    survey_update,
)

PRINT_PAGE_SIZE = 60


def managed(request, pk: int) -> Survey:
    """A survey the user may change; anyone else gets a 404, never the survey."""
    return get_object_or_404(Survey.objects.changeable_by(request.user)
                             .select_related("owner_unit"), pk=pk)


def base_url(request) -> str:
    return request.build_absolute_uri("/")


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def back_to(survey: Survey, page: str = "") -> HttpResponseRedirect:
    """After an action: to the survey's page (or `page` of it), or to the list when someone
    else deleted the survey meanwhile."""
    if not Survey.objects.filter(pk=survey.pk).exists():
        return redirect("surveys:list")
    return redirect(page, survey.pk) if page else redirect(survey)


@role_required("officer")
def survey_index(request):
    surveys = survey_list(request.user)
    state = request.GET.get("trang-thai", "")
    if state in Survey.Status.values:
        surveys = surveys.filter(status=state)
    page = Paginator(surveys, 25).get_page(request.GET.get("page"))
    return render(request, "surveys/list.html", {
        "page_obj": page, "surveys": page.object_list, "state": state,
        "states": Survey.Status.choices,
        "can_create": Unit.objects.changeable_by(request.user).exists()})


@role_required("officer")
def survey_new(request):
    form = SurveyForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "audience_units"}
        survey = survey_create(by=request.user, fields=data,
                               audience_units=form.cleaned_data["audience_units"])
        messages.success(request, _("The survey was created. Now add its questions."))
        return redirect("surveys:builder", survey.pk)
    return render(request, "surveys/survey_form.html", {"form": form, "survey": None})


@login_required
def survey_edit(request, pk: int):
    survey = managed(request, pk)
    locked = is_locked(survey)
    form = SurveyForm(request.POST or None, instance=survey, user=request.user, locked=locked)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "audience_units"}
        try:
            survey_update(survey=survey, by=request.user, fields=data,
                          audience_units=form.cleaned_data["audience_units"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The survey settings were saved."))
            return redirect(survey)
    return render(request, "surveys/survey_form.html", {"form": form, "survey": survey})


@login_required
def survey_detail(request, pk: int):
    survey = get_object_or_404(Survey.objects.visible_to(request.user)
                               .select_related("owner_unit", "copied_from"), pk=pk)
    root = breakdown_root(survey, request.user, request.GET.get(UNIT_PARAM))
    rates = survey_rates(survey, root)
    can_change = Survey.objects.changeable_by(request.user).filter(pk=pk).exists()
    return render(request, "surveys/detail.html", {
        "survey": survey, "root": root, "rates": rates,
        "rate_chart": rates.chart(_("Response rate per unit")) if rates.rows else "",
        "can_change": can_change, "locked": is_locked(survey),
        "response_count": survey.responses.count(),
        "question_count": survey.questions.count(),
        "audience_units": survey.audience_units.all(),
        "open_link": request.build_absolute_uri(reverse("surveys:answer_open", args=[pk])),
        "emailable": Invitation.objects.filter(survey=survey, used=False,
                                               sent_at__isnull=True)
        .exclude(user__email="").count(),
    })


def _action(request, pk: int, action, success: str):
    survey = managed(request, pk)
    try:
        result = action(survey=survey, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, success % {"n": result if isinstance(result, int) else 0})
    return back_to(survey)


CONFIRMED = "xac-nhan"  # the confirm page's field: opening or closing takes two steps


def _confirmed(request, pk: int, kind: str, action, success: str):
    """Opening and closing a survey change what members can do at once, so the button on
    the survey's page leads to a page that says what will happen; only its form (carrying
    CONFIRMED) acts. Works without JavaScript."""
    survey = managed(request, pk)
    if request.method == "POST" and request.POST.get(CONFIRMED) == "1":
        return _action(request, pk, action, success)
    return render(request, "surveys/confirm.html", {
        "survey": survey, "kind": kind, "confirmed_field": CONFIRMED,
        "audience": audience_of(survey).count() if kind == "open" else 0,
        "response_count": survey.responses.count()})


@require_http_methods(["GET", "POST"])
@login_required
def survey_open_view(request, pk: int):
    return _confirmed(request, pk, "open", survey_open,
                      _("The survey is open. %(n)d members of its audience are invited: send "
                        "their emails or print their links."))


@require_http_methods(["GET", "POST"])
@login_required
def survey_close_view(request, pk: int):
    return _confirmed(request, pk, "close", survey_close, _("The survey is closed."))


@require_POST
@login_required
def survey_delete_view(request, pk: int):
    survey = managed(request, pk)
    try:
        survey_delete(survey=survey, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return back_to(survey)
    messages.success(request, _("The draft was deleted."))
    return redirect("surveys:list")


@require_POST
@login_required
def survey_copy_view(request, pk: int):
    survey = managed(request, pk)
    try:
        copy = survey_copy(survey=survey, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return back_to(survey)
    messages.success(request, _("A copy was made as a new draft: change what you need, then "
                                "open it."))
    return redirect("surveys:builder", copy.pk)


@require_POST
@login_required
def survey_invite_view(request, pk: int):
    survey = managed(request, pk)
    if not survey.is_accepting():
        messages.error(request, _("Invitations can be sent only while the survey is open."))
        return redirect(survey)
    count = survey_send_invitations(survey=survey, by=request.user, base_url=base_url(request))
    if count:
        messages.success(request, _("%(n)d invitation emails are being sent.") % {"n": count})
    else:
        messages.info(request, _("Everyone with an email address has already been invited."))
    return redirect(survey)


@require_POST
@login_required
def survey_remind_view(request, pk: int):
    survey = managed(request, pk)
    count = survey_send_reminders(survey=survey, by=request.user, base_url=base_url(request))
    if count:
        messages.success(request, _("A reminder is being sent to %(n)d members who have not "
                                    "answered yet.") % {"n": count})
    else:
        messages.info(request, _("Nobody to remind: everyone with an email address has "
                                 "answered, or the survey is not accepting answers."))
    return redirect(survey)


@login_required
def survey_print(request, pk: int):
    """Personal links with QR codes, for units that hand out surveys on paper."""
    survey = managed(request, pk)
    units = Unit.objects.subtree(survey.owner_unit).filter(
        pk__in=Invitation.objects.filter(survey=survey).values("unit"))
    unit = None
    if request.GET.get(UNIT_PARAM):
        unit = units.filter(pk=request.GET[UNIT_PARAM]).first() if request.GET[
            UNIT_PARAM].isdigit() else None
    invitations = (Invitation.objects.filter(survey=survey, used=False)
                   .select_related("user", "unit").order_by("unit__path", "user__full_name"))
    if unit:
        invitations = invitations.filter(unit__path__startswith=unit.path)
    page = Paginator(invitations, PRINT_PAGE_SIZE).get_page(request.GET.get("page"))
    root = base_url(request)
    cards = []
    for invitation in page.object_list:
        url = answer_url(root, invitation)
        cards.append({"invitation": invitation, "url": url,
                      "qr": segno.make(url, error="m").svg_inline(scale=3, border=2)})
    return render(request, "surveys/print.html", {
        "survey": survey, "units": units, "unit": unit, "cards": cards, "page_obj": page})
