"""The survey app's models: the questionnaire (`questionnaire.py`) and what members send
back (`responses.py`). Anonymity rules are written where they bind, in `responses.py`."""

from .questionnaire import Choice, Question, Section, Survey, Topic
from .responses import AgeBand, AnonymityPlan, Answer, Invitation, Respondent, Response

__all__ = [
    "AgeBand",
    "AnonymityPlan",
    "Answer",
    "Choice",
    "Invitation",
    "Question",
    "Respondent",
    "Response",
    "Section",
    "Survey",
    "Topic",
]
