"""The answering form: every answer is checked on the server, whatever the browser sent.

Fields are built from the questionnaire snapshot. Every field is optional at field level:
whether a question must be answered depends on the display conditions, which are decided
in `clean()` from the answers themselves, in question order."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.text import fold

from ..models import Question
from ..models.questionnaire import LIKERT_LABELS
from ..questionnaire import AnswerData, ChoiceInfo, QuestionInfo, Questionnaire

OTHER = "other"
FIELD_NAME = re.compile(r"^q\d+")
NUMBER_LIMIT = Decimal(10) ** 13

REQUIRED = _("Please answer this question.")
REQUIRED_ROWS = _("Please answer every row.")
INVALID_CHOICE = _("This choice does not belong to the question. Please choose again.")
INVALID_SCALE = _("Choose one of the points shown.")
INVALID_NUMBER = _("Enter a number, for example 12 or 2,5.")
TOO_PRECISE = _("Use at most two digits after the decimal comma.")
INVALID_DATE = _("Enter a date as dd/mm/yyyy.")
DATE_RANGE = _("Enter a date between 1900 and 2100.")
TOO_LONG = _("This answer is too long: at most %(limit_value)d characters "
             "(it has %(show_value)d).")
NUL = _("This answer contains a character that cannot be saved.")
TOO_MANY = _("You chose %(chosen)d options, more than this question allows: untick "
             "%(extra)d.")
AT_MOST_GIST = _("at most %(n)d")  # a question or help text saying this needs no hint
ALL_THAT_APPLY = _("Choose all that apply.")
OTHER_MISSING = _("Please say what the other option is.")
OTHER_CONFLICT = _("You chose “%(choice)s” and also wrote another option: keep only one.")
HIDDEN = _("This question is only for those who answered %(choices)s to question "
           "%(number)d. Clear this answer, or change your answer to question %(number)d.")
UNKNOWN = _("The form contains answers to questions that are not in this survey. Reload the "
            "page and answer again.")
STALE = _("This form is out of date. Reload the page and answer again.")
PROGRESS = _("Answered %(done)s of %(total)s questions")
CHANGED = _("The questions were updated while you were answering. Please check your answers "
            "below and send them again.")


class LocalDecimalField(forms.Field):
    """A number typed the Vietnamese way ("2,5", "1.250,75") or the browser's way ("2.5")."""

    default_error_messages = {"invalid": INVALID_NUMBER}

    def to_python(self, value) -> Decimal | None:
        text = str(value or "").strip().replace(" ", "").replace("\u00a0", "")
        if not text:
            return None
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        if len(text) > 40:
            raise ValidationError(INVALID_NUMBER, code="invalid")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValidationError(INVALID_NUMBER, code="invalid") from None
        if not number.is_finite() or abs(number) >= NUMBER_LIMIT:
            raise ValidationError(INVALID_NUMBER, code="invalid")
        if number != number.quantize(Decimal("0.01")):
            raise ValidationError(TOO_PRECISE, code="too_precise")
        return number


# Most answers are an option's id or a point of a scale, exactly as the page sent it. These
# fields take such a value at once, and give anything else Django's checks and messages.


class KnownOptions:
    """The field's option values, for a lookup."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.known = frozenset(str(value) for value, _label in self.choices)


class OptionField(KnownOptions, forms.ChoiceField):
    def clean(self, value):
        if value.__class__ is str and value in self.known:
            return value
        return super().clean(value)


class OptionsField(KnownOptions, forms.MultipleChoiceField):
    def clean(self, value):
        if (value.__class__ is list and value
                and all(v.__class__ is str and v in self.known for v in value)):
            return list(value)
        return super().clean(value)


class PointField(forms.TypedChoiceField):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.points = {str(value): self.coerce(value) for value, _label in self.choices}

    def clean(self, value):
        if value.__class__ is str and value in self.points:
            return self.points[value]
        return super().clean(value)


def plain_number(value: Decimal) -> str:
    """12, 2,5 or 1250,75: no trailing zeros, the Vietnamese decimal comma."""
    from django.utils.formats import number_format

    value = value.normalize()
    return number_format(int(value) if value == value.to_integral() else value)


def _range_message(info: QuestionInfo) -> str:
    low = plain_number(info.min_value) if info.min_value is not None else None
    high = plain_number(info.max_value) if info.max_value is not None else None
    if low is not None and high is not None:
        return _("Enter a number from %(min)s to %(max)s.") % {"min": low, "max": high}
    if low is not None:
        return _("Enter a number of at least %(min)s.") % {"min": low}
    return _("Enter a number of at most %(max)s.") % {"max": high}


@dataclass
class QuestionView:
    """What the template needs to draw one question with what the person typed."""

    info: QuestionInfo
    errors: list[str] = field(default_factory=list)
    selected: set[str] = field(default_factory=set)
    other_text: str = ""
    value: str = ""
    rows: list[tuple[ChoiceInfo, str, str]] = field(default_factory=list)
    condition_text: str = ""
    shown: bool = True  # drawn at first (the page's script then follows the answers)
    seen_number: int = 0  # its number among the questions shown; 0 when not shown
    hint: str = ""  # how many options to pick, unless the question already says it

    @property
    def number(self) -> int:
        """Its number for a browser without JavaScript, where every question is shown."""
        return self.info.number


class AnswerForm(forms.Form):
    """Its fields (the key and the questions') are built once per questionnaire snapshot
    and shared by every form made from it, not declared: Django deep-copies declared fields
    for each form, and nothing here changes a field once built."""

    def __init__(self, questionnaire: Questionnaire, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())
        self.fields = self._question_fields(questionnaire)
        self.rows: list[AnswerData] = []

    def full_clean(self) -> None:
        """Django's, less what a busy page does not need: no bound field is made per field
        (the fields are neither disabled nor files, and have no clean_<name> methods)."""
        self._errors = ErrorDict()
        if not self.is_bound:
            return
        self.cleaned_data = {}
        for name, form_field in self.fields.items():
            raw = form_field.widget.value_from_datadict(self.data, self.files, name)
            try:
                self.cleaned_data[name] = form_field.clean(raw)
            except ValidationError as error:
                self.add_error(name, error)
        try:
            self.cleaned_data = self.clean()
        except ValidationError as error:
            self.add_error(None, error)

    # --- building ----------------------------------------------------------------------

    @classmethod
    def _question_fields(cls, questionnaire: Questionnaire) -> dict[str, forms.Field]:
        """The questions' fields, built once per questionnaire snapshot and shared by every
        form made from it: building them is most of the cost of checking a submission, and
        nothing here changes a field once built (Django copies fields per form only so that
        a form may change its own)."""
        built = questionnaire.form_fields
        if not built:
            fields: dict[str, forms.Field] = {"submission_key": forms.UUIDField(
                widget=forms.HiddenInput, error_messages={"required": STALE, "invalid": STALE})}
            for info in questionnaire.questions:
                cls._add_fields(fields, info)
            built.update(fields)
        return built

    @classmethod
    def _add_fields(cls, fields: dict[str, forms.Field], info: QuestionInfo) -> None:
        kind, name = info.kind, info.name
        choice_msgs = {"invalid_choice": INVALID_CHOICE, "invalid_list": INVALID_CHOICE}
        text_msgs = {"max_length": TOO_LONG, "null_characters_not_allowed": NUL}
        if kind in Question.CHOICE_KINDS:
            options = [(str(c.id), c.label) for c in info.choices]
            if info.has_other:
                options.append((OTHER, _("Other")))
            field_class = OptionField if kind == Question.Kind.SINGLE else OptionsField
            fields[name] = field_class(choices=options, required=False,
                                       error_messages=choice_msgs)
            if info.has_other:
                fields[f"{name}_other"] = forms.CharField(
                    required=False, max_length=Question.SHORT_TEXT_MAX, error_messages=text_msgs)
        elif kind in Question.SCALE_KINDS:
            fields[name] = cls._scale_field(info)
        elif kind == Question.Kind.MATRIX:
            for row in info.choices:
                fields[f"{name}_r{row.id}"] = cls._scale_field(info)
        elif kind in Question.TEXT_KINDS:
            limit = (Question.SHORT_TEXT_MAX if kind == Question.Kind.SHORT_TEXT
                     else Question.LONG_TEXT_MAX)
            fields[name] = forms.CharField(required=False, max_length=limit,
                                           error_messages=text_msgs)
        elif kind == Question.Kind.NUMBER:
            fields[name] = LocalDecimalField(required=False)
        elif kind == Question.Kind.DATE:
            fields[name] = forms.DateField(
                required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"],
                error_messages={"invalid": INVALID_DATE})

    @staticmethod
    def _scale_field(info: QuestionInfo) -> forms.Field:
        return PointField(
            choices=[(str(i), str(i)) for i in info.scale], coerce=int, required=False,
            empty_value=None, error_messages={"invalid_choice": INVALID_SCALE})

    # --- checking ----------------------------------------------------------------------

    def _has_errors(self, info: QuestionInfo) -> bool:
        errors = self._errors
        return bool(errors) and any(name in errors for name in info.field_names)

    def clean(self) -> dict:
        cleaned = super().clean()
        fields = self.fields
        if self.is_bound and any(key not in fields and FIELD_NAME.match(key)
                                 for key in self.data):
            raise ValidationError(UNKNOWN, code="unknown_question")
        shown: dict[int, bool] = {}
        answered: dict[int, list[AnswerData]] = {}
        uncertain: set[int] = set()  # questions whose display depends on an invalid answer
        for info in self.questionnaire.questions:
            condition = info.condition_question_id
            if condition is not None and (condition in uncertain or condition not in shown):
                uncertain.add(info.id)
                continue
            if self._has_errors(info):
                uncertain.add(info.id)
                continue
            visible = condition is None or (shown[condition] and any(
                r.choice_id in info.condition_choice_ids for r in answered[condition]))
            shown[info.id] = visible
            rows = answered[info.id] = self._rows_for(info, cleaned)
            if not visible:
                if rows or self._typed_other(info, cleaned):
                    self.add_error(info.anchor, self._hidden_message(info))
                continue
            self._check(info, cleaned, rows)
        return cleaned

    def _typed_other(self, info: QuestionInfo, cleaned: dict) -> str:
        return (cleaned.get(f"{info.name}_other") or "") if info.has_other else ""

    def _rows_for(self, info: QuestionInfo, cleaned: dict) -> list[AnswerData]:
        """The rows this question's answer would store, before the per-kind checks."""
        name, kind = info.name, info.kind
        if kind in Question.CHOICE_KINDS:
            raw = cleaned.get(name) or ([] if kind == Question.Kind.MULTIPLE else "")
            picked = raw if isinstance(raw, list) else ([raw] if raw else [])
            rows = [AnswerData(info.id, choice_id=int(v)) for v in dict.fromkeys(picked)
                    if v != OTHER]
            other = self._typed_other(info, cleaned)
            if other or OTHER in picked:
                rows.append(AnswerData(info.id, text=other))
            return rows
        if kind == Question.Kind.MATRIX:
            return [AnswerData(info.id, choice_id=row.id, value=cleaned[f"{name}_r{row.id}"])
                    for row in info.choices if cleaned.get(f"{name}_r{row.id}") is not None]
        value = cleaned.get(name)
        if value in (None, ""):
            return []
        if kind in Question.SCALE_KINDS:
            return [AnswerData(info.id, value=value)]
        if kind == Question.Kind.NUMBER:
            return [AnswerData(info.id, number=value)]
        if kind == Question.Kind.DATE:
            return [AnswerData(info.id, date=value)]
        return [AnswerData(info.id, text=value)]

    def _check(self, info: QuestionInfo, cleaned: dict, rows: list[AnswerData]) -> None:
        anchor, kind = info.anchor, info.kind
        if kind == Question.Kind.MATRIX:
            if info.required and len(rows) < len(info.choices):
                self.add_error(anchor, REQUIRED_ROWS)
                return
        elif info.required and not rows:
            self.add_error(anchor, REQUIRED)
            return
        if kind in Question.CHOICE_KINDS:
            other = [r for r in rows if r.choice_id is None]
            if other and not other[0].text:
                self.add_error(f"{info.name}_other", OTHER_MISSING)
                return
            if kind == Question.Kind.SINGLE and len(rows) > 1:
                label = info.choice_label(rows[0].choice_id or 0)
                self.add_error(f"{info.name}_other", OTHER_CONFLICT % {"choice": label})
                return
            if info.max_choices and len(rows) > info.max_choices:
                self.add_error(anchor, TOO_MANY % {"chosen": len(rows),
                                                   "extra": len(rows) - info.max_choices})
                return
        if kind == Question.Kind.NUMBER and rows:
            number = rows[0].number
            if ((info.min_value is not None and number < info.min_value)
                    or (info.max_value is not None and number > info.max_value)):
                self.add_error(anchor, _range_message(info))
                return
        if kind == Question.Kind.DATE and rows:
            when = rows[0].date
            if not (isinstance(when, date) and 1900 <= when.year <= 2100):
                self.add_error(anchor, DATE_RANGE)
                return
        self.rows.extend(rows)

    def _hidden_message(self, info: QuestionInfo) -> str:
        condition = self.questionnaire.question(info.condition_question_id or 0)
        return HIDDEN % {"choices": self.condition_text(info),
                         "number": condition.number if condition else 0}

    def condition_text(self, info: QuestionInfo) -> str:
        condition = self.questionnaire.question(info.condition_question_id or 0)
        if condition is None:
            return ""
        labels = [f"“{c.label}”" for c in condition.choices if c.id in info.condition_choice_ids]
        return str(_(" or ")).join(labels)

    # --- output ------------------------------------------------------------------------

    def answers(self) -> list[AnswerData]:
        """The validated rows, in question order; call after is_valid()."""
        return list(self.rows)

    def shown_at_first(self) -> dict[int, bool]:
        """Which questions the page shows before the person changes anything: the rule of
        the page's script (a question is shown when the question it depends on is shown and
        one of the options it waits for is ticked), so that the script moves nothing when it
        starts. Without JavaScript every question is shown."""
        data = self.data if self.is_bound else None
        shown: dict[int, bool] = {}
        for info in self.questionnaire.questions:
            source = info.condition_question_id
            if source is None or source not in shown:
                shown[info.id] = True
                continue
            picked = data.getlist(f"q{source}") if data is not None else []
            shown[info.id] = shown[source] and any(
                value.isdigit() and int(value) in info.condition_choice_ids for value in picked)
        return shown

    def question_views(self) -> list[QuestionView]:
        views = []
        shown = self.shown_at_first()
        seen = 0
        for info in self.questionnaire.questions:
            view = QuestionView(info=info, condition_text=self.condition_text(info),
                                shown=shown[info.id], hint=choice_hint(info))
            if view.shown:
                seen += 1
                view.seen_number = seen
            for name in info.field_names:
                view.errors.extend(str(e) for e in self.errors.get(name, []))
            if info.kind == Question.Kind.MATRIX:
                view.rows = [(row, str(self[f"{info.name}_r{row.id}"].value() or ""),
                              f"{info.name}_r{row.id}") for row in info.choices]
            else:
                value = self[info.name].value()
                if isinstance(value, list | tuple):
                    view.selected = {str(v) for v in value}
                else:
                    view.value = "" if value is None else str(value)
                    view.selected = {view.value} if view.value else set()
                if info.has_other and info.is_choice:
                    view.other_text = self[f"{info.name}_other"].value() or ""
            views.append(view)
        return views

    def page_context(self) -> dict:
        """What `surveys/answer/form.html` needs besides the survey."""
        views = self.question_views()
        by_section: dict[int, list[QuestionView]] = {}
        for view in views:
            by_section.setdefault(view.info.section_id, []).append(view)
        sections = [(s, by_section[s.id]) for s in self.questionnaire.sections
                    if s.id in by_section]
        shown = [view for view in views if view.shown]
        done = sum(1 for view in shown if self._has_answer(view.info))
        return {"form": self, "views": views, "sections": sections, "likert": likert_labels(),
                "submission_key": self.key_to_render(),
                "progress": {"done": done, "total": len(shown), "text": PROGRESS % {
                    "done": done, "total": len(shown)}}}

    def _has_answer(self, info: QuestionInfo) -> bool:
        """Whether the page arrives with something typed or ticked for this question."""
        if not self.is_bound:
            return False
        return any(str(value).strip() for name in info.field_names
                   for value in self.data.getlist(name))

    def key_to_render(self) -> str:
        """The key the page carries: the one posted if it is well formed (so that a resend
        counts once), else a fresh one."""
        if not self.is_bound:
            return str(self.initial["submission_key"])
        try:
            return str(uuid.UUID(str(self.data.get("submission_key", ""))))
        except ValueError:
            return str(uuid.uuid4())


def choice_hint(info: QuestionInfo) -> str:
    """The hint under a multiple-choice question, said once: not when the question or its
    help text already says it (officers often write "(tối đa 3)" or "Chọn tất cả...")."""
    if info.kind != Question.Kind.MULTIPLE:
        return ""
    said = fold(f"{info.text} {info.help_text}")
    if info.max_choices:
        if fold(str(AT_MOST_GIST % {"n": info.max_choices})) in said:
            return ""
        n = info.max_choices
        return ngettext("Choose at most %(n)d option.", "Choose at most %(n)d options.", n) % {
            "n": n}
    hint = str(ALL_THAT_APPLY)
    return "" if fold(hint).rstrip(".") in said else hint


def likert_labels() -> list[tuple[int, str]]:
    return [(point, str(label)) for point, label in LIKERT_LABELS.items()]
