from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import Unit
from portal.periods import months_before

from ..models import UnitReport, UnitReportIssue
from .services import first_of_month, reporting_units

MONTHS_OFFERED = 12


def month_choices(today=None) -> list[tuple[str, str]]:
    this = first_of_month(today or timezone.localdate())
    months = [months_before(this, n) for n in range(MONTHS_OFFERED)]
    return [(f"{m:%Y-%m}", f"{m:%m/%Y}") for m in months]


class UnitReportStartForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of report"), choices=UnitReport.Kind.choices,
                             initial=UnitReport.Kind.PERIODIC)
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.none(),
        error_messages={"invalid_choice": _("You cannot send a report for this unit.")})
    month = forms.ChoiceField(
        label=_("Month reported on"), required=False,
        error_messages={"invalid_choice": _("Choose a month that has begun, within the last "
                                            "twelve months.")})
    subject = forms.CharField(label=_("Subject of the quick report"), max_length=200,
                              required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = reporting_units().filter(
            pk__in=Unit.objects.changeable_by(user).values("pk")).order_by("path")
        self.fields["unit"].queryset = units
        self.fields["month"].choices = month_choices()
        self.initial.setdefault("unit", units.first())
        self.initial.setdefault("month", month_choices()[1][0])
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        data = super().clean()
        if data.get("kind") == UnitReport.Kind.QUICK and not (data.get("subject") or "").strip():
            self.add_error("subject", forms.ValidationError(
                _("Say in a few words what the quick report is about."), code="required"))
        if data.get("kind") == UnitReport.Kind.PERIODIC and not data.get("month") \
                and "month" not in self.errors:
            self.add_error("month", forms.ValidationError(
                _("Choose the month the report is about."), code="required"))
        return data

    @property
    def chosen_month(self):
        from datetime import date

        value = self.cleaned_data.get("month")
        if not value:
            return None
        year, month = value.split("-")
        return date(int(year), int(month), 1)


class UnitReportForm(forms.ModelForm):
    class Meta:
        model = UnitReport
        fields = ["subject", "mood", "mood_note", "situation", "forecast", "recommendations"]
        widgets = {name: forms.Textarea(attrs={"rows": 4})
                   for name in ("mood_note", "situation", "forecast", "recommendations")}
        help_texts = {
            "situation": _("Drafted from the unit's figures; complete or correct it."),
            "mood_note": _("What staff feel and say, in your own words."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.kind != UnitReport.Kind.QUICK:
            del self.fields["subject"]
        self.helper = FormHelper()
        self.helper.form_tag = False


class IssueForm(forms.ModelForm):
    class Meta:
        model = UnitReportIssue
        fields = ["topic", "direction", "intensity", "spread", "handling"]
        widgets = {"handling": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            "topic",
            Row(Column("direction", css_class="col-md-4"),
                Column("intensity", css_class="col-md-4"),
                Column("spread", css_class="col-md-4")),
            "handling")


IssueFormSet = forms.formset_factory(IssueForm, extra=1, can_delete=True, max_num=20,
                                     validate_max=True)


class AcknowledgeForm(forms.Form):
    comment = forms.CharField(label=_("Comment to the unit"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))


class StatusForm(forms.Form):
    """How many months the committee's table shows, ending with which month."""

    last = forms.ChoiceField(label=_("Last month shown"), required=False,
                             widget=forms.Select(attrs={"class": "form-select"}))
    months = forms.TypedChoiceField(
        # django-stubs types TypedChoiceField's empty_value as `str | None`; Django takes any value
        label=_("Months shown"), coerce=int, required=False, empty_value=6,  # type: ignore[arg-type]
        initial=6,
        choices=[(3, "3"), (6, "6"), (12, "12"), (24, "24")],
        widget=forms.Select(attrs={"class": "form-select"}))

    def __init__(self, *args, last=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["last"].choices = month_choices()
        if last is not None:
            self.fields["last"].initial = f"{last:%Y-%m}"
