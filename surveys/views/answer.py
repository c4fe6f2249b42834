"""Members answering: with their personal link (no login needed) or, logged in, through
the survey's open link. Light pages that work without JavaScript on a cheap phone."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import get_script_prefix, reverse
from django.utils.crypto import salted_hmac
from django.views.decorators.csrf import csrf_exempt

from ..forms import AnswerForm
from ..forms.answer import CHANGED, STALE
from ..models import Answer, Invitation, Survey
from ..questionnaire import AnswerData, latest_in_memory, questionnaire_of
from ..selectors import invitation_for_answering, member_surveys, published_results
from ..services import (
    Submission,
    SubmissionRefused,
    invitation_for,
    submit_by_link,
    survey_submit,
)
from ..tokens import parse

THANKS_SALT = "surveys.thanks"
KEPT_FIRST = "lan-dau"  # the thank-you page's mark: a re-post with other answers was dropped


def _state(request, state: str, survey: Survey | None = None, *, status: int = 200,
           token: str = ""):
    """A clear page instead of the form: invalid link, already answered, not open yet,
    closed, outside the audience, personal link required."""
    return render(request, "surveys/answer/state.html",
                  {"state": state, "survey": survey, "token": token}, status=status)


@csrf_exempt  # the unguessable token in the URL is the credential; no session is involved
def answer_token(request, token: str):
    link = parse(token)
    if link is None:
        return _state(request, "invalid", status=404)
    if request.method == "POST" and (stored := _submit_fast(request, link)):
        return stored
    invitation = invitation_for_answering(link.invitation_id)
    if (invitation is None or invitation.survey_id != link.survey_id
            or invitation.survey.status == Survey.Status.DRAFT):
        return _state(request, "invalid", status=404)
    return _answer(request, invitation, token=token)


def _submit_fast(request, link):
    """The busy path: answers checked against the questionnaire this process already holds,
    then one statement that stores them only if the survey is open, its questions unchanged
    and the link unused. Anything else (a form with mistakes, a used link, a closed survey,
    changed questions) goes the full way, which reads the invitation and says what is
    wrong."""
    questionnaire = latest_in_memory(link.survey_id)
    if questionnaire is None:
        return None
    form = AnswerForm(questionnaire, request.POST)
    if not form.is_valid():
        return None
    try:
        stored = submit_by_link(link=link, version=questionnaire.version,
                                created_at=questionnaire.created_at, answers=form.answers(),
                                key=form.cleaned_data["submission_key"])
    except SubmissionRefused:
        return None
    return thanks_redirect(link.survey_id, kept_first=_changed_repeat(stored, form.answers()))


@login_required
def answer_open(request, pk: int):
    survey = get_object_or_404(Survey.objects.exclude(status=Survey.Status.DRAFT), pk=pk)
    invitation = invitation_for(survey=survey, user=request.user)
    if invitation is None:
        return _state(request, "outside", survey, status=403)
    if not survey.open_link and not invitation.used:
        return _state(request, "personal_link", survey)
    invitation.survey, invitation.user = survey, request.user
    return _answer(request, invitation)


def _answer(request, invitation: Invitation, *, token: str = ""):
    survey = invitation.survey
    if not survey.is_accepting():
        state = "scheduled" if survey.state == "scheduled" else "closed"
        if invitation.used:
            state = "used"
        return _state(request, state, survey, token=token)
    if invitation.used and request.method != "POST":
        return _state(request, "used", survey, token=token)
    form = AnswerForm(questionnaire_of(survey), request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            stored = survey_submit(survey=survey, invitation=invitation,
                                   answers=form.answers(), key=form.cleaned_data["submission_key"])
        except SubmissionRefused as refused:
            if refused.reason not in ("stale", "changed"):
                return _state(request, refused.reason, survey, token=token)
            form.add_error(None, STALE if refused.reason == "stale" else CHANGED)
        else:
            return thanks_redirect(survey.pk,
                                   kept_first=_changed_repeat(stored, form.answers()))
    elif request.method == "POST" and invitation.used:
        return _state(request, "used", survey, token=token)
    return render(request, "surveys/answer/form.html", {
        "survey": survey, "action": request.path, "draft": draft_key(invitation),
        "member_nav": not token, **form.page_context()})


def draft_key(invitation: Invitation) -> str:
    """Where the page's script keeps unfinished answers on the device: the survey's id (so
    that the thank-you page can clear its drafts) and a value only the server can work out
    for this one invitation, that is this one person and this one survey. Another account
    on the same browser gets another key, and cannot derive this one."""
    mac = salted_hmac("surveys.answer-draft", str(invitation.pk)).hexdigest()[:32]
    return f"{invitation.survey_id}:{mac}"


def _changed_repeat(stored: Submission, answers: Sequence[AnswerData]) -> bool:
    """A repeat of a stored form (same key) whose answers differ from the stored ones: only
    the first is kept, and the person is told so."""
    if not stored.duplicate:
        return False
    kept = Answer.objects.filter(response_id=stored.response_id).values_list(
        "question_id", "choice_id", "value", "number", "date", "text")
    return Counter(tuple(row) for row in kept) != Counter(tuple(row) for row in answers)


def thanks_redirect(survey_id: int, *, kept_first: bool = False) -> HttpResponseRedirect:
    """After a stored answer: to the thank-you page (so a reload does not send again)."""
    url = _thanks_url(survey_id, get_script_prefix())
    return HttpResponseRedirect(f"{url}?{KEPT_FIRST}=1" if kept_first else url)


@lru_cache(maxsize=256)
def _thanks_url(survey_id: int, script_prefix: str) -> str:
    # Reversing and signing cost more than the rest of the redirect; the answer never
    # changes for a survey (reverse() itself uses the current script prefix, hence the key).
    return reverse("surveys:thanks",
                   args=[signing.Signer(salt=THANKS_SALT).sign(str(survey_id))])


def thanks(request, signed: str):
    """The thank-you page names the survey only to whoever was sent here after answering
    it: its address carries the survey's id signed by the server, so that trying ids
    reveals no title."""
    try:
        pk = int(signing.Signer(salt=THANKS_SALT).unsign(signed))
    except (signing.BadSignature, ValueError):
        return _state(request, "invalid", status=404)
    survey = get_object_or_404(Survey.objects.exclude(status=Survey.Status.DRAFT), pk=pk)
    return _state(request, "kept_first" if request.GET.get(KEPT_FIRST) else "thanks", survey)


def _published(request, survey: Survey, *, token: str = ""):
    if not (survey.is_over() and survey.results_published):
        return _state(request, "not_published", survey, token=token)
    return render(request, "surveys/answer/published.html",
                  {"survey": survey, "results": published_results(survey)})


def published_by_token(request, token: str):
    link = parse(token)
    invitation = (Invitation.objects.select_related("survey").filter(
        pk=link.invitation_id, survey_id=link.survey_id, used=True).first() if link else None)
    if invitation is None:
        return _state(request, "invalid", status=404)
    return _published(request, invitation.survey, token=token)


@login_required
def published(request, pk: int):
    """Respondents (and the survey's managers) read the results chosen for publication."""
    survey = get_object_or_404(Survey, pk=pk)
    answered = Invitation.objects.filter(survey=survey, user=request.user, used=True).exists()
    manages = Survey.objects.visible_to(request.user).filter(pk=pk).exists()
    if not (answered or manages):
        return _state(request, "outside", survey, status=403)
    return _published(request, survey)


@login_required
def mine(request):
    """A member's surveys: those waiting for an answer, and published results."""
    return render(request, "surveys/mine.html", {"surveys": member_surveys(request.user)})
