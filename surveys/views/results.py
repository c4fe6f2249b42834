"""Results for officers and the committee: figures, breakdowns, exports, publication."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from portal.filters import UNIT_PARAM

from ..exports import Export, csv_stream, xlsx_file
from ..forms import PublishForm
from ..models import Question, Response, Survey
from ..results import DIMENSIONS
from ..selectors import breakdown_root, survey_results, text_answers
from ..services import survey_publish_results
from ..suppression import withheld
from .manage import managed


def _readable(request, pk: int) -> Survey:
    return get_object_or_404(Survey.objects.visible_to(request.user)
                             .select_related("owner_unit"), pk=pk)


@login_required
def results(request, pk: int):
    survey = _readable(request, pk)
    dimension = request.GET.get("theo", "unit")
    if dimension not in DIMENSIONS:
        dimension = "unit"
    root = breakdown_root(survey, request.user, request.GET.get(UNIT_PARAM))
    return render(request, "surveys/results.html", {
        "survey": survey, "results": survey_results(survey, dimension=dimension, root=root),
        "dimension": dimension, "dimensions": DIMENSIONS.items(), "root": root})


@login_required
def text_list(request, pk: int, question_id: int):
    survey = _readable(request, pk)
    question = get_object_or_404(Question, pk=question_id, survey=survey)
    answers = text_answers(question)
    if withheld(survey, Response.objects.filter(survey=survey).count()):
        answers = answers.none()  # as every other figure of the survey now
    page = Paginator(answers, 50).get_page(request.GET.get("page"))
    return render(request, "surveys/text_answers.html",
                  {"survey": survey, "question": question, "page_obj": page})


def _filename(survey: Survey, extension: str) -> str:
    return f"khao-sat-{survey.pk}.{extension}"


@login_required
def export_csv(request, pk: int):
    survey = _readable(request, pk)
    response = StreamingHttpResponse(csv_stream(Export(survey)),
                                     content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(survey, "csv")}"'
    return response


@login_required
def export_xlsx(request, pk: int):
    survey = _readable(request, pk)
    return FileResponse(
        xlsx_file(Export(survey, native=True)), as_attachment=True,
        filename=_filename(survey, "xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@login_required
def publish(request, pk: int):
    survey = managed(request, pk)
    form = PublishForm(request.POST if request.method == "POST" else None, survey=survey)
    if request.method == "POST" and form.is_valid():
        try:
            count = survey_publish_results(survey=survey, by=request.user,
                                           questions=list(form.cleaned_data["questions"]))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if count:
                messages.success(request, _("%(n)d results are published to the respondents.")
                                 % {"n": count})
            else:
                messages.info(request, _("No result is published."))
            return redirect(survey)
    return render(request, "surveys/publish.html", {"survey": survey, "form": form})
