"""Thin views: parse, call one selector or service, render. Every object is found through
`visible_to` (reading), `led_by` (the team's work) or `changeable_by` (the unit's work):
another unit's record is a 404."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.files import private_file_response
from portal.filters import UNIT_PARAM
from portal.models import Unit
from portal.permissions import can_change_unit, role_required

from . import selectors, services
from .forms import (
    AnswerForm,
    AssessmentForm,
    ConclusionForm,
    InspectionFilterForm,
    NoticeForm,
    PlanForm,
    ProgrammeForm,
    RatingForm,
    RecommendationForm,
    ReinspectionForm,
    ReturnForm,
    ReviewForm,
    SelfReportForm,
    VerifyForm,
)
from .models import (
    Inspection,
    InspectionProgramme,
    Rating,
    Recommendation,
    Review,
    ReviewAssessment,
    ReviewRating,
)

Status = Inspection.Status
RATINGS_YEARS = 5


def _attempt(form, call: Callable):
    """Run a service; its ValidationError lands on the form (None is returned)."""
    try:
        return call()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for name, errors in error.message_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, error.messages)
        return None


def _form_page(request, form, *, title: str, back: str, intro: str = "",
               template: str = "inspections/form.html", **extra):
    return render(request, template, {"form": form, "title": title, "back": back,
                                      "intro": intro, **extra})


def _documents_ready() -> bool:
    """The numbered-document pieces of `reports` are in place."""
    try:
        reverse("reports:subject_issue", args=["inspection_conclusion", 1])
    except NoReverseMatch:
        return False
    return True


# --- lists -----------------------------------------------------------------------------------


@role_required("officer")
def index(request):
    user = request.user
    form = InspectionFilterForm(request.GET or None, user=user)
    chosen = form.filters()
    inspections = (Inspection.objects.visible_to(user)
                   .select_related("unit", "programme", "programme__unit")
                   .annotate(open_recs=Count("recommendations", filter=Q(
                       recommendations__status__in=["not_started", "in_progress"]))))
    if unit := chosen.get("unit"):
        inspections = inspections.filter(unit__path__startswith=unit.path)
    if status := chosen.get("status"):
        inspections = inspections.filter(status=status)
    if year := chosen.get("year"):
        inspections = inspections.filter(programme__year=year)
    page = Paginator(inspections.order_by("-starts_on", "-pk"), 25).get_page(
        request.GET.get("page"))
    programmes = (InspectionProgramme.objects.changeable_by(user).select_related("unit")
                  .annotate(n=Count("inspections"))[:12])
    return render(request, "inspections/index.html", {
        "form": form, "page_obj": page, "inspections": page.object_list,
        "programmes": programmes, "section": "inspections",
        "can_add": Unit.objects.changeable_by(user).exists(),
        "counts": selectors.inspection_counts(Inspection.objects.visible_to(user)),
    })


@role_required("officer")
@require_http_methods(["GET", "POST"])
def programme_add(request):
    form = ProgrammeForm(request.POST or None, user=request.user,
                         initial={"unit": request.user.unit_id,
                                  "year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        programme = _attempt(form, lambda: services.programme_create(
            unit=data["unit"], year=data["year"], title=data["title"], note=data["note"],
            by=request.user))
        if programme:
            messages.success(request, _("The programme was saved; now plan its "
                                        "inspections."))
            return redirect(programme)
    return _form_page(request, form, title=_("New inspection programme"),
                      back=reverse("inspections:index"))


@role_required("officer")
def programme(request, pk: int):
    programme = get_object_or_404(InspectionProgramme.objects.changeable_by(request.user)
                                  .select_related("unit"), pk=pk)
    inspections = (programme.inspections.select_related("unit", "head")
                   .order_by("starts_on", "pk"))
    return render(request, "inspections/programme.html", {
        "programme": programme, "inspections": inspections, "section": "inspections"})


@role_required("officer")
def ratings(request):
    """The committee's comparison: units × years, the latest rating of each year."""
    this_year = timezone.localdate().year
    years = list(range(this_year - RATINGS_YEARS + 1, this_year + 1))
    table = selectors.ratings_table(request.user, years=years)
    return render(request, "inspections/ratings.html", {
        "table": table, "labels": dict(Rating.choices), "section": "ratings"})


@role_required("officer", "collaborator", "member")
def recommendations(request):
    """Recommendations the person sees: to answer (the unit's side), to review (the
    team's side), overdue or due soon."""
    user, today = request.user, timezone.localdate()
    items = selectors.recommendations_for(user)
    show = request.GET.get("loc", "")
    if show == "overdue":
        items = items.overdue(today)
    elif show == "due":
        items = items.due_within(7, today)
    elif show == "answer":
        items = items.open()
    elif show == "review":
        items = items.to_review().reviewed_by_team_of(user)
    page = Paginator(items.order_by("due_on", "pk"), 30).get_page(request.GET.get("page"))
    return render(request, "inspections/recommendations.html", {
        "page_obj": page, "items": page.object_list, "show": show, "today": today,
        "ages": selectors.recommendations_by_age(Recommendation.objects.visible_to(user),
                                                 today=today),
        "section": "recommendations"})


# --- one inspection ------------------------------------------------------------------------


@role_required("officer")
@require_http_methods(["GET", "POST"])
def inspection_add(request, pk: int):
    programme = get_object_or_404(InspectionProgramme.objects.changeable_by(request.user)
                                  .select_related("unit"), pk=pk)
    form = PlanForm(request.POST or None, programme=programme,
                    initial={"head": request.user.pk})
    if request.method == "POST" and form.is_valid():
        inspection = _attempt(form, lambda: services.inspection_plan(
            programme=programme, data=form.cleaned_data, by=request.user))
        if inspection:
            messages.success(request, _("The inspection was planned."))
            return redirect(inspection)
    return _form_page(request, form, title=_("Plan an inspection"), back=programme.
                      get_absolute_url(), intro=programme.title)


@role_required("officer")
def detail(request, pk: int):
    user = request.user
    inspection = get_object_or_404(
        Inspection.objects.visible_to(user).select_related(
            "unit", "programme", "programme__unit", "head", "reinspection_of"), pk=pk)
    team_side = Inspection.objects.led_by(user).filter(pk=pk).exists()
    recs = inspection.recommendations.select_related("owner").order_by("due_on", "pk")
    return render(request, "inspections/detail.html", {
        "inspection": inspection, "team_side": team_side,
        "unit_side": can_change_unit(user, inspection.unit),
        "scores": inspection.scores.select_related("criterion"),
        "totals": selectors.score_totals(inspection),
        "tasks": inspection.tasks.select_related("directive"),
        "team": inspection.team.order_by("full_name"),
        "recommendations": recs, "today": timezone.localdate(),
        "reinspections": inspection.reinspections.order_by("starts_on"),
        "documents_ready": _documents_ready() and inspection.is_concluded,
        "section": "inspections"})


def _led(request, pk: int) -> Inspection:
    return get_object_or_404(Inspection.objects.led_by(request.user)
                             .select_related("unit", "programme", "programme__unit"), pk=pk)


@role_required("officer")
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk: int):
    inspection = _led(request, pk)
    form = PlanForm(request.POST or None, instance=inspection, programme=inspection.programme)
    if request.method == "POST" and form.is_valid():
        inspection.refresh_from_db()  # the form wrote its values onto the instance
        if _attempt(form, lambda: services.inspection_update_plan(
                inspection=inspection, data=form.cleaned_data, by=request.user)):
            messages.success(request, _("The changes were saved."))
            return redirect(inspection)
    return _form_page(request, form, title=_("Edit the plan"),
                      back=inspection.get_absolute_url(), intro=str(inspection))


@role_required("officer")
@require_http_methods(["GET", "POST"])
def notify(request, pk: int):
    inspection = _led(request, pk)
    form = NoticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _attempt(form, lambda: services.inspection_notify(
                inspection=inspection, sent_on=form.cleaned_data["sent_on"],
                notice=form.cleaned_data["notice"], by=request.user)):
            messages.success(request, _("The notice was recorded; the unit's officers now "
                                        "see the inspection."))
            return redirect(inspection)
    return _form_page(request, form, title=_("Send the notice"),
                      back=inspection.get_absolute_url(), intro=str(inspection))


@role_required("officer")
@require_http_methods(["GET", "POST"])
def self_report(request, pk: int):
    inspection = get_object_or_404(
        Inspection.objects.visible_to(request.user).filter(
            pk__in=Inspection.objects.changeable_by(request.user).values("pk"))
        .select_related("unit"), pk=pk)
    form = SelfReportForm(request.POST or None, request.FILES or None, inspection=inspection)
    if request.method == "POST" and form.is_valid():
        if _attempt(form, lambda: services.inspection_self_report(
                inspection=inspection, report=form.cleaned_data["report"],
                scores=form.scores(), upload=form.cleaned_data.get("upload"),
                by=request.user)):
            messages.success(request, _("The self-report was sent to the team."))
            return redirect(inspection)
    return _form_page(request, form, title=_("The unit's self-report"),
                      back=inspection.get_absolute_url(), intro=str(inspection),
                      template="inspections/scores_form.html")


@role_required("officer")
@require_http_methods(["GET", "POST"])
def verify(request, pk: int):
    inspection = _led(request, pk)
    form = VerifyForm(request.POST or None, request.FILES or None, inspection=inspection)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _attempt(form, lambda: services.inspection_verify(
                inspection=inspection, verified_on=data["verified_on"],
                record=data["record"], scores=form.scores(), upload=data.get("upload"),
                by=request.user)):
            messages.success(request, _("The verification was recorded."))
            return redirect(inspection)
    return _form_page(request, form, title=_("The team's verification"),
                      back=inspection.get_absolute_url(), intro=str(inspection),
                      template="inspections/scores_form.html")


@role_required("officer")
@require_http_methods(["GET", "POST"])
def conclude(request, pk: int):
    inspection = _led(request, pk)
    form = ConclusionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _attempt(form, lambda: services.inspection_conclude(
                inspection=inspection, rating=data["rating"], conclusion=data["conclusion"],
                concluded_on=data["concluded_on"], by=request.user)):
            messages.success(request, _("The conclusion was recorded; issue it as a "
                                        "numbered document."))
            return redirect(inspection)
    return _form_page(request, form, title=_("Conclusion"),
                      back=inspection.get_absolute_url(), intro=str(inspection))


@role_required("officer")
@require_http_methods(["GET", "POST"])
def recommendation_add(request, pk: int):
    inspection = _led(request, pk)
    form = RecommendationForm(request.POST or None, inspection=inspection)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _attempt(form, lambda: services.recommendation_add(
                inspection=inspection, text=data["text"], owner=data["owner"],
                due_on=data["due_on"], by=request.user)):
            messages.success(request, _("The recommendation was added."))
            return redirect(inspection)
    return _form_page(request, form, title=_("Add a recommendation"),
                      back=inspection.get_absolute_url(), intro=str(inspection))


@role_required("officer")
@require_http_methods(["GET", "POST"])
def reinspect(request, pk: int):
    inspection = _led(request, pk)
    form = ReinspectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        again = _attempt(form, lambda: services.inspection_schedule_reinspection(
            inspection=inspection, starts_on=form.cleaned_data["starts_on"],
            ends_on=form.cleaned_data["ends_on"], by=request.user))
        if again:
            messages.success(request, _("The re-inspection was planned."))
            return redirect(again)
    return _form_page(request, form, title=_("Schedule a re-inspection"),
                      back=inspection.get_absolute_url(), intro=str(inspection))


FILES = {"tu-bao-cao": ("self_report_file", "tu-bao-cao"),
         "bien-ban": ("verification_file", "bien-ban-kiem-tra")}


@role_required("officer")
def attachment(request, pk: int, which: str):
    if which not in FILES:
        raise Http404
    inspection = get_object_or_404(Inspection.objects.visible_to(request.user), pk=pk)
    field, name = FILES[which]
    return private_file_response(getattr(inspection, field), filename=name)


# --- recommendations -------------------------------------------------------------------------


@role_required("officer", "collaborator", "member")
def recommendation(request, pk: int):
    user = request.user
    item = get_object_or_404(selectors.recommendations_for(user), pk=pk)
    team_side = can_change_unit(user, item.inspection.organiser)
    may_answer = (item.inspection.status == Status.CONCLUDED
                  and item.review in (Recommendation.Review.WAITING,
                                      Recommendation.Review.RETURNED)
                  and (item.owner_id == user.pk or can_change_unit(user, item.unit)))
    return render(request, "inspections/recommendation.html", {
        "item": item, "team_side": team_side, "today": timezone.localdate(),
        "answer_form": AnswerForm() if may_answer else None,
        "return_form": ReturnForm() if team_side and item.review == "answered" else None,
        "section": "recommendations"})


@role_required("officer", "collaborator", "member")
@require_POST
def recommendation_answer(request, pk: int):
    item = get_object_or_404(selectors.recommendations_for(request.user), pk=pk)
    form = AnswerForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        if _attempt(form, lambda: services.recommendation_answer(
                recommendation=item, note=data["note"], evidence=data.get("evidence"),
                evidence_link=data["evidence_link"], by=request.user)):
            messages.success(request, _("The answer was sent to the team."))
            return redirect(item)
    item.refresh_from_db()
    return render(request, "inspections/recommendation.html", {
        "item": item, "team_side": False, "answer_form": form, "return_form": None,
        "today": timezone.localdate(), "section": "recommendations"}, status=400)


@role_required("officer")
@require_POST
def recommendation_review(request, pk: int):
    item = get_object_or_404(Recommendation.objects.reviewed_by_team_of(request.user)
                             .select_related("inspection"), pk=pk)
    form = ReturnForm(request.POST)
    form.is_valid()
    if request.POST.get("action") == "accept":
        done = _attempt(form, lambda: services.recommendation_accept(recommendation=item,
                                                                       by=request.user))
        success = _("The answer was accepted.")
    else:
        done = _attempt(form, lambda: services.recommendation_return(
            recommendation=item, reason=form.cleaned_data.get("reason", ""),
            by=request.user))
        success = _("The answer was returned to the unit.")
    if done:
        messages.success(request, success)
        return redirect(item)
    for error in form.errors.values():
        messages.error(request, " ".join(str(e) for e in error))
    return redirect(item)


@role_required("officer", "collaborator", "member")
def recommendation_evidence(request, pk: int):
    item = get_object_or_404(Recommendation.objects.visible_to(request.user), pk=pk)
    return private_file_response(item.evidence, filename="minh-chung")


# --- reviews ---------------------------------------------------------------------------------


@role_required("officer")
def reviews(request):
    items = (Review.objects.visible_to(request.user)
             .select_related("directive", "unit").order_by("-period_end", "-pk"))
    return render(request, "inspections/reviews.html", {
        "reviews": items, "can_add": Unit.objects.changeable_by(request.user).exists(),
        "section": "reviews"})


@role_required("officer")
@require_http_methods(["GET", "POST"])
def review_add(request):
    form = ReviewForm(request.POST or None, user=request.user,
                      initial={"unit": request.user.unit_id})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        review = _attempt(form, lambda: services.review_create(by=request.user, **data))
        if review:
            messages.success(request, _("The review was opened; the units can now assess "
                                        "themselves."))
            return redirect(review)
    return _form_page(request, form, title=_("New review"),
                      back=reverse("inspections:reviews"))


@role_required("officer")
def review(request, pk: int):
    user = request.user
    review = get_object_or_404(Review.objects.visible_to(user)
                               .select_related("directive", "unit"), pk=pk)
    organiser = can_change_unit(user, review.unit)
    units = services.review_units(review)
    if not organiser:
        units = units.filter(pk__in=Unit.objects.changeable_by(user))
    rows = selectors.review_summary(review, units)
    return render(request, "inspections/review.html", {
        "review": review, "rows": rows, "organiser": organiser,
        "task_count": review.directive.tasks.count(), "section": "reviews"})


def _review_unit(request, review: Review, units) -> Unit:
    chosen = request.GET.get(UNIT_PARAM, "")
    unit = units.filter(pk=chosen).first() if chosen.isdigit() else None
    unit = unit or units.filter(pk=request.user.unit_id).first() or units.first()
    if unit is None:
        raise Http404
    return unit


@role_required("officer")
@require_http_methods(["GET", "POST"])
def review_assess(request, pk: int):
    user = request.user
    review = get_object_or_404(Review.objects.visible_to(user).select_related("directive"),
                               pk=pk)
    units = services.review_units(review).filter(pk__in=Unit.objects.changeable_by(user))
    unit = _review_unit(request, review, units)
    existing = {a.task_id: a for a in ReviewAssessment.objects.filter(review=review,
                                                                      unit=unit)}
    form = AssessmentForm(request.POST or None, tasks=review.directive.tasks.order_by("number"),
                          existing=existing)
    if request.method == "POST" and form.is_valid():
        if _attempt(form, lambda: services.review_assess(review=review, unit=unit,
                                                         rows=form.rows(), by=user)):
            messages.success(request, _("The self-assessment was saved."))
            return redirect(review)
    return render(request, "inspections/assessment_form.html", {
        "review": review, "unit": unit, "units": units, "form": form, "section": "reviews"})


@role_required("officer")
@require_http_methods(["GET", "POST"])
def review_rate(request, pk: int):
    user = request.user
    review = get_object_or_404(Review.objects.changeable_by(user).select_related("directive"),
                               pk=pk)
    units = services.review_units(review)
    unit = _review_unit(request, review, units)
    current = ReviewRating.objects.filter(review=review, unit=unit).first()
    initial = {} if current is None else {
        f: getattr(current, f) for f in ("rating", "comment", "commend_unit",
                                         "commend_person", "commend_reason")}
    form = RatingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if _attempt(form, lambda: services.review_rate(review=review, unit=unit, by=user,
                                                       **form.cleaned_data)):
            messages.success(request, _("The rating was saved."))
            return redirect(review)
    assessments = (ReviewAssessment.objects.filter(review=review, unit=unit)
                   .select_related("task").order_by("task__number"))
    return _form_page(request, form, title=_("Rate the unit"), back=review.get_absolute_url(),
                      intro=f"{review} — {unit}", template="inspections/rating_form.html",
                      review=review, unit=unit, units=units, assessments=assessments)
