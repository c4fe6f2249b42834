"""Forms of the grievance register: Vietnamese labels and messages through the catalogue;
the services check again and their ValidationErrors land on the same fields."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.files import DOCUMENTS, kinds_of
from portal.filters import DateInput, ListFilterForm, choice_filter
from portal.models import PATH_STEP, Unit, User

from ..models.cases import (
    AnswerTemplate,
    CaseCategory,
    CaseKind,
    CaseSource,
    CaseStage,
    CaseUrgency,
)
from .services import INTAKE_OUTCOMES


class _Styled:
    """Bootstrap classes on every widget."""

    def _style(self):
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.RadioSelect):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


class _CaseFields(_Styled, forms.Form):
    title = forms.CharField(label=pgettext_lazy("case", "Title"), max_length=200)
    description = forms.CharField(label=_("What is the concern?"), max_length=5000,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    category = forms.ChoiceField(label=pgettext_lazy("case", "Category"),
                                 choices=CaseCategory.choices, initial=CaseCategory.OTHER)
    kind = forms.ChoiceField(label=pgettext_lazy("case", "Kind"), choices=CaseKind.choices,
                             initial=CaseKind.FEEDBACK)
    urgency = forms.ChoiceField(label=pgettext_lazy("case", "Urgency"),
                                choices=CaseUrgency.choices, initial=CaseUrgency.NORMAL)


class CaseForm(_CaseFields):
    """An officer records a case (from a dialogue, an email, the suggestion box...)."""

    source = forms.ChoiceField(label=pgettext_lazy("case", "Source"), choices=[
        c for c in CaseSource.choices
        if c[0] not in (CaseSource.OPINION_REPORT, CaseSource.SURVEY, CaseSource.MEMBER)])
    unit = forms.ModelChoiceField(label=_("Unit in charge"), queryset=Unit.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.active().changeable_by(user)
        if user.unit_id:
            self.fields["unit"].initial = user.unit_id
        self._style()


class MemberCaseForm(_CaseFields):
    """A member raises a concern, from a phone."""

    anonymous = forms.BooleanField(
        label=_("Raise it anonymously"), required=False,
        help_text=_("The union will not know who raised it. You get a receipt code, shown "
                    "once, to follow the case and read the answer: write it down."))
    attachment = forms.FileField(
        label=_("Attached file (optional)"), required=False,
        help_text=_("A %(kinds)s file.") % {"kinds": kinds_of(DOCUMENTS)})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class IntakeForm(_Styled, forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome of the intake"), widget=forms.RadioSelect,
                                choices=[(s.value, s.label) for s in INTAKE_OUTCOMES])
    verify_until = forms.DateField(label=_("Verification until"), required=False,
                                   widget=DateInput())
    reason = forms.CharField(label=_("Why it is not for the union"), required=False,
                             max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))
    refer_to = forms.CharField(label=_("Where the member should turn"), required=False,
                               max_length=300)
    forwarded_to = forms.CharField(label=_("Forwarded to (which body)"), required=False,
                                   max_length=300)
    forwarded_on = forms.DateField(label=_("Forwarded on"), required=False, widget=DateInput())
    follow_up_on = forms.DateField(label=_("Follow up on"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class AnswerForm(_Styled, forms.Form):
    answer = forms.CharField(label=_("Answer to the member"), max_length=5000,
                             widget=forms.Textarea(attrs={"rows": 6}))
    together = forms.BooleanField(label=_("Give the same answer to the linked cases"),
                                  required=False)
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class TextForm(_Styled, forms.Form):
    """One text: an internal note, a reason for declining, the member's reason to reopen."""

    body = forms.CharField(label=_("Text"), max_length=3000,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["body"].label = label
        self._style()


class AssignForm(_Styled, forms.Form):
    owner = forms.ModelChoiceField(label=_("Person in charge"), queryset=User.objects.none(),
                                   required=False, empty_label=_("Nobody in particular"))

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        path = case.unit.path
        paths = [path[:end] for end in range(PATH_STEP, len(path) + 1, PATH_STEP)]
        self.fields["owner"].queryset = User.objects.filter(
            role=User.Role.OFFICER, is_active=True, unit__path__in=paths).order_by("full_name")
        self._style()


class LinkForm(_Styled, forms.Form):
    lead = forms.CharField(label=_("Reference of the case on the same matter"), max_length=8,
                           required=False, help_text=_("The 8 characters shown beside a "
                                                       "case's title; empty to unlink."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class ReceiptForm(_Styled, forms.Form):
    code = forms.CharField(label=_("Receipt code"), max_length=40,
                           widget=forms.TextInput(attrs={"autocomplete": "off",
                                                         "autocapitalize": "characters",
                                                         "spellcheck": "false"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class TemplateForm(_Styled, forms.ModelForm):
    class Meta:
        model = AnswerTemplate
        fields = ["unit", "title", "category", "body"]
        labels = {"unit": _("Unit"), "title": pgettext_lazy("answer template", "Title"),
                  "category": pgettext_lazy("case", "Category"),
                  "body": pgettext_lazy("answer template", "Text")}
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.active().changeable_by(user)
        self._style()


class SurveyCaseForm(_Styled, forms.Form):
    answer = forms.ChoiceField(label=_("The answer to turn into a case"),
                               widget=forms.RadioSelect)
    title = forms.CharField(label=pgettext_lazy("case", "Title"), max_length=200)
    category = forms.ChoiceField(label=pgettext_lazy("case", "Category"),
                                 choices=CaseCategory.choices, initial=CaseCategory.OTHER)
    kind = forms.ChoiceField(label=pgettext_lazy("case", "Kind"), choices=CaseKind.choices,
                             initial=CaseKind.FEEDBACK)
    urgency = forms.ChoiceField(label=pgettext_lazy("case", "Urgency"),
                                choices=CaseUrgency.choices, initial=CaseUrgency.NORMAL)

    def __init__(self, *args, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].choices = [(str(pk), text) for pk, text in answers]
        self._style()


class QueueFilterForm(ListFilterForm):
    stage = choice_filter(pgettext_lazy("case", "Stage"), CaseStage.choices)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False,
                                 widget=forms.CheckboxInput(attrs={"class": "form-check-input"}))
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's ValidationError onto the form: by field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
