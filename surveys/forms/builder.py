"""Forms of the survey builder: the survey, its sections and its questions."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.models import Unit, User

from ..models import Choice, Question, Section, Survey

MAX_CHOICES = 50
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"]


class UnitChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return "\u2003" * obj.depth + obj.name


def _datetime_field(label) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label, input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": _("Enter a date and time, for example 05/01/2025 08:00."),
                        "required": _("This field is required.")})


class SurveyForm(forms.ModelForm):
    audience_units = UnitChoiceField(
        label=_("Audience units"), queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Members of these units and of every unit below them."),
        error_messages={"required": _("Choose at least one unit.")})
    audience_roles = forms.MultipleChoiceField(
        label=_("Audience roles"), choices=User.Role.choices, required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("Leave empty for every role."))
    audience_staff_groups = forms.MultipleChoiceField(
        label=_("Audience staff groups"), choices=User.StaffGroup.choices, required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("Leave empty for every staff group."))
    opens_at = _datetime_field(_("Opens at"))
    closes_at = _datetime_field(_("Closes at"))

    class Meta:
        model = Survey
        fields = ["title", "description", "topic", "owner_unit", "audience_units",
                  "audience_roles", "audience_staff_groups", "opens_at", "closes_at",
                  "anonymous", "open_link", "min_group_size"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        # "title" and "description" mean other things in other apps' catalogues (a training
        # class's name...): a message context keeps the surveys' own words.
        labels = {"title": pgettext_lazy("survey", "Title"),
                  "description": pgettext_lazy("survey", "Description")}

    def __init__(self, *args, user: User, locked: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.changeable_by(user).active()
        self.fields["owner_unit"].queryset = units
        self.fields["owner_unit"].empty_label = None
        self.fields["audience_units"].queryset = units
        self.fields["min_group_size"].widget.attrs.update({"min": 3, "max": 100})
        self.fields["min_group_size"].error_messages.update({
            "min_value": _("The minimum group size must be at least 3."),
            "max_value": _("The minimum group size cannot be above 100.")})
        if not self.instance.pk and user.unit_id and units.filter(pk=user.unit_id).exists():
            self.initial.setdefault("owner_unit", user.unit_id)
            self.initial.setdefault("audience_units", [user.unit_id])
        if locked:
            # Responses exist: whether they are anonymous cannot change under them.
            self.fields["anonymous"].disabled = True
            self.fields["anonymous"].help_text = _(
                "Responses have been collected: this can no longer change.")
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))

    def clean_closes_at(self):
        closes_at = self.cleaned_data["closes_at"]
        if closes_at <= timezone.now() and self.instance.status != Survey.Status.CLOSED:
            raise forms.ValidationError(_("The closing time must be in the future."),
                                        code="past")
        return closes_at

    def clean(self) -> dict:
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", forms.ValidationError(
                _("The survey must close after it opens."), code="order"))
        owner, audience = cleaned.get("owner_unit"), cleaned.get("audience_units")
        if owner and audience:
            outside = [u.name for u in audience if not u.path.startswith(owner.path)]
            if outside:
                self.add_error("audience_units", forms.ValidationError(
                    _("Only the owner unit and the units below it can be chosen: %(units)s.")
                    % {"units": ", ".join(outside)}, code="outside_owner"))
        return cleaned


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        labels = {"title": pgettext_lazy("survey section", "Title"),
                  "description": pgettext_lazy("survey section", "Description")}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))


class ConditionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Choice) -> str:
        return f"{obj.question.text} → {obj.label}"


class QuestionForm(forms.ModelForm):
    choices_text = forms.CharField(
        label=_("Choices (or matrix rows), one per line"), required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Single and multiple choice: at least two choices. Matrix: one statement "
                    "per row, each answered on the 1-5 agreement scale."))
    condition_choices = ConditionChoiceField(
        label=_("Show this question only if an earlier answer is one of"),
        queryset=Choice.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to always show the question. Tick choices of one earlier "
                    "question."))

    field_order = ["section", "kind", "text", "help_text", "choices_text", "required",
                   "has_other", "max_choices", "min_value", "max_value", "condition_choices"]

    class Meta:
        model = Question
        fields = ["section", "kind", "text", "help_text", "required", "has_other",
                  "max_choices", "min_value", "max_value", "condition_choices"]
        localized_fields = ["min_value", "max_value"]  # "2,5" as Vietnamese offices write it

    def __init__(self, *args, survey: Survey, locked: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.fields["section"].queryset = survey.sections.all()
        self.fields["section"].empty_label = None
        conditions = (Choice.objects.filter(question__survey=survey,
                                            question__kind__in=Question.CHOICE_KINDS)
                      .select_related("question", "question__section")
                      .order_by("question__section__position", "question__position",
                                "question_id", "position", "id"))
        if self.instance.pk:
            # Only questions before this one can decide whether it is shown.
            section, position = self.instance.section, self.instance.position
            conditions = conditions.filter(
                Q(question__section__position__lt=section.position)
                | Q(question__section=section, question__position__lt=position))
            self.initial["choices_text"] = "\n".join(
                c.label for c in self.instance.choices.all())
        self.fields["condition_choices"].queryset = conditions
        if locked:
            for name, form_field in self.fields.items():
                if name not in ("text", "help_text"):
                    form_field.disabled = True
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))

    def clean_choices_text(self) -> list[str]:
        lines = [" ".join(line.split()) for line in self.cleaned_data["choices_text"].splitlines()]
        labels = [line for line in lines if line]
        if len(labels) > MAX_CHOICES:
            raise forms.ValidationError(_("At most %(n)d choices.") % {"n": MAX_CHOICES},
                                        code="too_many")
        if any(len(label) > 300 for label in labels):
            raise forms.ValidationError(_("A choice can have at most 300 characters."),
                                        code="too_long")
        folded = [label.casefold() for label in labels]
        if len(set(folded)) != len(folded):
            raise forms.ValidationError(_("Two choices have the same text."), code="duplicate")
        return labels

    def clean(self) -> dict:
        cleaned = super().clean()
        kind = cleaned.get("kind")
        labels = cleaned.get("choices_text") or []
        if kind in Question.CHOICE_KINDS and len(labels) < 2:
            self.add_error("choices_text", forms.ValidationError(
                _("A choice question needs at least two choices."), code="few_choices"))
        if kind == Question.Kind.MATRIX and not labels:
            self.add_error("choices_text", forms.ValidationError(
                _("A matrix needs at least one row."), code="no_rows"))
        if kind not in Question.CHOICE_KINDS and kind != Question.Kind.MATRIX and labels:
            self.add_error("choices_text", forms.ValidationError(
                _("Only choice and matrix questions have choices."), code="no_choices_here"))
        if cleaned.get("has_other") and kind not in Question.CHOICE_KINDS:
            self.add_error("has_other", forms.ValidationError(
                _("Only choice questions can have an “other” option."), code="other"))
        max_choices = cleaned.get("max_choices")
        if max_choices is not None:
            if kind != Question.Kind.MULTIPLE:
                self.add_error("max_choices", forms.ValidationError(
                    _("Only multiple-choice questions have a maximum."), code="max_kind"))
            elif max_choices < 1 or max_choices > len(labels) + int(bool(
                    cleaned.get("has_other"))):
                self.add_error("max_choices", forms.ValidationError(
                    _("The maximum must be between 1 and the number of choices."),
                    code="max_range"))
        low, high = cleaned.get("min_value"), cleaned.get("max_value")
        if (low is not None or high is not None) and kind != Question.Kind.NUMBER:
            self.add_error("min_value", forms.ValidationError(
                _("Only number questions have a minimum and maximum."), code="range_kind"))
        elif low is not None and high is not None and low > high:
            self.add_error("max_value", forms.ValidationError(
                _("The maximum cannot be below the minimum."), code="range_order"))
        picked = cleaned.get("condition_choices") or []
        if len({c.question_id for c in picked}) > 1:
            self.add_error("condition_choices", forms.ValidationError(
                _("Tick choices of one question only."), code="several_questions"))
        return cleaned


class PublishForm(forms.Form):
    questions = forms.ModelMultipleChoiceField(
        label=_("Results to publish"), queryset=Question.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Free-text answers are never published: a sentence can identify its "
                    "author."))

    def __init__(self, *args, survey: Survey, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["questions"].queryset = Question.objects.filter(survey=survey).exclude(
            kind__in=Question.TEXT_KINDS).select_related("section")
        self.fields["questions"].initial = [
            q.pk for q in self.fields["questions"].queryset if q.publish_result]
        self.helper = FormHelper()
        self.helper.add_input(Submit("publish", _("Publish to respondents")))
