from .answer import AnswerForm, QuestionView
from .builder import PublishForm, QuestionForm, SectionForm, SurveyForm

__all__ = ["AnswerForm", "PublishForm", "QuestionForm", "QuestionView", "SectionForm",
           "SurveyForm"]
