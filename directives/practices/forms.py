"""Forms of the good-practice library: validation with Vietnamese messages; services act."""

from __future__ import annotations

from typing import cast

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from directives.areas import DispatchArea
from portal.files import validate_upload
from portal.filters import DateInput, ListFilterForm, choice_filter
from portal.forms import ComposedTextMixin
from portal.models import Unit, User

from .models import Adoption, Practice


def _choices(field: forms.Field) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, field)


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*layout)
    return helper


class PracticeForm(ComposedTextMixin, forms.ModelForm):
    tags = forms.CharField(label=pgettext_lazy("practice", "Tags"), required=False,
                           max_length=400,
                           help_text=_("Separate tags with commas, e.g. online survey, "
                                       "young staff."))
    attachment = forms.FileField(label=_("Attach a file"), required=False,
                                 help_text=_("PDF, Word, Excel or a picture."))

    class Meta:
        model = Practice
        fields = ["unit", "title", "area", "summary", "body", "survey_before", "survey_after",
                  "figures"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 2}),
                   "body": forms.Textarea(attrs={"rows": 12}),
                   "figures": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "body": _("Paragraphs, **bold**, *italics*, lists, links and tables are kept; "
                      "pictures, frames and scripts are removed."),
            "survey_before": _("A closed survey of the unit before the practice: its response "
                               "rate is shown."),
            "survey_after": _("A closed survey of the unit after the practice."),
            "figures": _("One figure per line, e.g. Cases resolved on time: 12/20 → 19/20."),
        }
        error_messages = {
            "title": {"required": _("Give the practice a title.")},
            "summary": {"required": _("Sum the practice up in a sentence or two.")},
            "body": {"required": _("Describe the practice.")},
            "area": {"required": _("Choose the task area it serves.")},
            "unit": {"required": _("Choose the unit that carried it out.")},
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        from surveys.models import Survey

        _choices(self.fields["unit"]).queryset = Unit.objects.changeable_by(user).active()
        surveys = Survey.objects.over().changeable_by(user).order_by("-closes_at")
        for name in ("survey_before", "survey_after"):
            _choices(self.fields[name]).queryset = surveys.select_related("owner_unit")
            _choices(self.fields[name]).empty_label = _("No survey")
        if self.instance.pk:
            self.fields["tags"].initial = ", ".join(t.name for t in self.instance.tags.all())
        self.helper = _helper(
            Row(Column("title", css_class="col-md-8"), Column("unit", css_class="col-md-4")),
            "area", "summary", "body",
            Row(Column("survey_before", css_class="col-md-6"),
                Column("survey_after", css_class="col-md-6")),
            "figures", "tags", "attachment")

    def _required_text(self, name: str, message) -> str:
        value = " ".join((self.cleaned_data.get(name) or "").split()) if name != "body" \
            else (self.cleaned_data.get(name) or "").strip()
        if not value:
            raise forms.ValidationError(message, code="required")
        return value

    def clean_title(self) -> str:
        return self._required_text("title", _("Give the practice a title."))

    def clean_body(self) -> str:
        return self._required_text("body", _("Describe the practice."))

    def clean_summary(self) -> str:
        return self._required_text("summary", _("Sum the practice up in a sentence or two."))

    def clean_tags(self) -> list[str]:
        names = [" ".join(n.split()) for n in self.cleaned_data.get("tags", "").split(",")]
        names = [n for n in names if n]
        if len(names) > 8:
            raise forms.ValidationError(_("At most %(n)s tags.") % {"n": 8}, code="tags")
        if any(len(n) > 50 for n in names):
            raise forms.ValidationError(_("A tag has at most 50 characters."), code="tag_long")
        return names

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        validate_upload(upload)
        return upload

    def clean(self):
        data = super().clean()
        before, after = data.get("survey_before"), data.get("survey_after")
        if before and after and before == after:
            self.add_error("survey_after", forms.ValidationError(
                _("Choose two different surveys."), code="same"))
        return data

    def _post_clean(self):
        # The model's checks run in the service (which sets the search column); the form's
        # own messages above say what is wrong before that.
        pass


class EndorseForm(ComposedTextMixin, forms.Form):
    note = forms.CharField(label=_("Why the committee recommends it"),
                           widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                           error_messages={"required": _(
                               "Write a short note on why it should be replicated.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper("note")


class AdoptionForm(ComposedTextMixin, forms.ModelForm):
    rating = forms.TypedChoiceField(
        label=_("How well it worked"), coerce=int,
        choices=[(5, _("5 – very well")), (4, _("4 – well")), (3, _("3 – fairly")),
                 (2, _("2 – little")), (1, _("1 – not at all"))],
        widget=forms.RadioSelect, error_messages={"required": _("Rate from 1 to 5."),
                                                   "invalid_choice": _("Rate from 1 to 5.")})

    class Meta:
        model = Adoption
        fields = ["unit", "adopted_on", "outcome", "rating"]
        widgets = {"adopted_on": DateInput(), "outcome": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "unit": {"required": _("Choose the unit that adopted it.")},
            "adopted_on": {"required": _("Give the date the unit started."),
                           "invalid": _("Write the date as dd/mm/yyyy.")},
            "outcome": {"required": _("Say how it went.")},
        }

    def __init__(self, *args, user: User, practice: Practice, **kwargs):
        super().__init__(*args, **kwargs)
        self.practice = practice
        _choices(self.fields["unit"]).queryset = Unit.objects.changeable_by(user).active()
        self.helper = _helper(
            Row(Column("unit", css_class="col-md-8"), Column("adopted_on", css_class="col-md-4")),
            "outcome", "rating")

    def clean_unit(self):
        unit = self.cleaned_data["unit"]
        if unit.pk == self.practice.unit_id:
            raise forms.ValidationError(_("A unit does not adopt its own practice."),
                                        code="own")
        if self.practice.adoptions.filter(unit=unit).exists():
            raise forms.ValidationError(_("This unit has already recorded adopting it."),
                                        code="twice")
        return unit

    def clean_adopted_on(self):
        value = self.cleaned_data["adopted_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("This date is in the future."), code="future")
        return value

    def clean_outcome(self) -> str:
        value = (self.cleaned_data.get("outcome") or "").strip()
        if not value:
            raise forms.ValidationError(_("Say how it went."), code="required")
        return value

    def _post_clean(self):
        pass  # the service checks the model, with the practice set


class LibraryFilterForm(ListFilterForm):
    field_order = ["q", "area", "unit"]
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    area = choice_filter(pgettext_lazy("practice", "Task area"), DispatchArea.choices)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        # The library is everyone's: any unit's practices may be looked for.
        _choices(self.fields["unit"]).queryset = Unit.objects.active()
        self.fields["unit"].label = _("Unit")
        _choices(self.fields["unit"]).empty_label = _("All units")
        self.fields["q"].widget.attrs["placeholder"] = _("e.g. khao sat truc tuyen")
