"""Forms of the directives app: they validate with Vietnamese messages; services act."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.files import validate_upload
from portal.filters import DateInput, ListFilterForm, choice_filter
from portal.models import Unit, User
from portal.tracking import TrackedStatus

from .areas import DispatchArea
from .models import Directive, DirectiveTask
from .selectors import OVERDUE


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*layout)
    return helper


class DirectiveForm(forms.ModelForm):
    attachment = forms.FileField(label=_("Attached PDF"), required=False,
                                 help_text=_("The signed directive, as a PDF."))

    class Meta:
        model = Directive
        fields = ["unit", "number", "issued_on", "issuer", "subject", "body"]
        widgets = {"issued_on": DateInput(), "body": forms.Textarea(attrs={"rows": 8}),
                   "subject": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"body": _("The text of the directive; lists and bold text may be "
                                "written as in an email.")}

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        unit = self.fields["unit"]
        assert isinstance(unit, forms.ModelChoiceField)
        unit.queryset = Unit.objects.changeable_by(user).active()
        unit.empty_label = None
        self.helper = _helper(
            Row(Column("number", css_class="col-sm-6 col-md-4"),
                Column("issued_on", css_class="col-sm-6 col-md-3"),
                Column("unit", css_class="col-md-5")),
            "issuer", "subject", "body", "attachment")

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            validate_upload(upload, suffixes=(".pdf",))
        return upload


class TaskForm(forms.ModelForm):
    class Meta:
        model = DirectiveTask
        fields = ["number", "title", "description", "area", "rhythm", "due_on", "target_unit"]
        widgets = {"due_on": DateInput(), "title": forms.Textarea(attrs={"rows": 3}),
                   "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, directive: Directive, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.directive = directive
        field = self.fields["target_unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.required = True
        field.error_messages["required"] = _("Choose the unit that carries out the task.")
        field.queryset = (Unit.objects.changeable_by(user).active()
                          .filter(path__startswith=directive.unit.path))
        self.helper = _helper(
            Row(Column("number", css_class="col-sm-3 col-md-2"),
                Column("area", css_class="col-sm-9 col-md-10")),
            "title", "description",
            Row(Column("rhythm", css_class="col-sm-6 col-md-4"),
                Column("due_on", css_class="col-sm-6 col-md-3"),
                Column("target_unit", css_class="col-md-5")))

    def clean(self):
        data = super().clean()
        rhythm, due_on = data.get("rhythm"), data.get("due_on")
        if rhythm == DirectiveTask.Rhythm.ONCE and not due_on and "due_on" not in self.errors:
            self.add_error("due_on", forms.ValidationError(
                _("Give the due date of a task done once."), code="required"))
        elif rhythm and rhythm != DirectiveTask.Rhythm.ONCE and due_on:
            self.add_error("due_on", forms.ValidationError(
                _("A recurring task is due at the end of each period: leave the due date "
                  "empty."), code="recurring"))
        elif due_on and due_on < self.directive.issued_on:
            self.add_error("due_on", forms.ValidationError(
                _("The due date cannot be before the directive's date (%(day)s).")
                % {"day": f"{self.directive.issued_on:%d/%m/%Y}"}, code="early"))
        return data


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TrackedStatus.choices)
    note = forms.CharField(label=pgettext_lazy("tracked item", "Progress note"),
                           required=False, widget=forms.Textarea(attrs={"rows": 4}))
    evidence = forms.FileField(label=_("Evidence file"), required=False,
                               help_text=_("PDF, Word, Excel or a picture."))
    evidence_link = forms.CharField(
        label=_("Link to a record in the portal"), required=False, max_length=300,
        help_text=_("An address inside the portal, such as a meeting, a survey or a "
                    "training, starting with /."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("status", "note", "evidence", "evidence_link")

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        if upload:
            validate_upload(upload)
        return upload


class MatrixFilterForm(ListFilterForm):
    area = choice_filter(_("Area of work"), DispatchArea.choices)
    status = choice_filter(_("Status"), [*TrackedStatus.choices,
                                         (OVERDUE, pgettext_lazy("tracked item", "Overdue"))])


class ProgressFilterForm(ListFilterForm):
    STATES = [("open", _("Not done yet")), ("due", _("Due soon")),
              (OVERDUE, pgettext_lazy("tracked item", "Overdue")),
              ("done", pgettext_lazy("tracked item", "Done"))]
    state = choice_filter(_("Status"), STATES)
    area = choice_filter(_("Area of work"), DispatchArea.choices)
