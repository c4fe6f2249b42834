from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.contributions import document_subject
from portal.filters import DateInput, PeriodPickerForm
from portal.models import Unit

from .models import Report
from .periods import Period, period_ending_on_cutoff


class ReportRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of report"), choices=Report.Kind.choices)
    scope = forms.ModelChoiceField(
        label=_("Scope"), queryset=Unit.objects.none(),
        error_messages={"invalid_choice": _("You cannot ask for a report on this unit.")},
    )
    period_start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    period_end = forms.DateField(label=_("To"), required=False, widget=DateInput())
    survey = forms.ModelChoiceField(
        label=_("Survey (for a survey results report)"), required=False,
        queryset=Unit.objects.none(),  # the surveys app's records, set below
        error_messages={"invalid_choice": _("Choose one of your surveys that is over.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        scopes = Unit.objects.visible_to(user).active().filter(
            kind__in=[Unit.Kind.UNIVERSITY_UNION, Unit.Kind.GRASSROOTS]).order_by("path")
        if not user.is_committee:
            scopes = scopes.filter(pk=user.unit_id)
        self.fields["scope"].queryset = scopes
        self.fields["survey"].queryset = document_subject("survey").choices(user)
        last = period_ending_on_cutoff("monthly", timezone.localdate())
        self.initial.setdefault("kind", Report.Kind.MONTHLY)
        self.initial.setdefault("scope", scopes.first())
        self.initial.setdefault("period_start", last.start)
        self.initial.setdefault("period_end", last.end)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Row(Column("kind", css_class="col-md-6"), Column("scope", css_class="col-md-6")),
            Row(Column("period_start", css_class="col-6 col-md-3"),
                Column("period_end", css_class="col-6 col-md-3"),
                Column("survey", css_class="col-md-6")),
            Submit("request", _("Generate the report")),
        )

    def clean(self):
        data = super().clean()
        if data.get("kind") == Report.Kind.SURVEY:
            if not data.get("survey"):
                self.add_error("survey", forms.ValidationError(
                    _("Choose the survey whose results the report presents."),
                    code="survey_missing"))
            return data
        start, end = data.get("period_start"), data.get("period_end")
        for name in ("period_start", "period_end"):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, forms.ValidationError(
                    _("This field is required."), code="required"))
        if start and end:
            if start > end:
                self.add_error("period_end", forms.ValidationError(
                    _("The end of the period must be on or after its start."), code="reversed"))
            elif end > timezone.localdate():
                self.add_error("period_end", forms.ValidationError(
                    _("The period has not ended yet; choose a period in the past."),
                    code="future"))
            elif (end - start).days > 400:
                self.add_error("period_start", forms.ValidationError(
                    _("A report covers at most a year (400 days)."), code="too_long"))
        return data

    @property
    def period(self) -> Period:
        return Period(self.cleaned_data["period_start"], self.cleaned_data["period_end"])


class DashboardPeriodForm(PeriodPickerForm):
    """The dashboard's period: a reporting period by name, or two dates."""

    PRESETS = [
        ("current", _("This reporting month so far")),
        ("monthly", _("Last reporting month")),
        ("quarterly", _("Last quarter")),
        ("six_month", _("Last six months")),
        ("annual", _("Last year")),
        ("custom", _("Other dates")),
    ]
    PAST_ONLY = True

    def resolve(self, preset: str, today) -> Period:
        """A named reporting period; the current reporting month by default."""
        from .dashboard import default_period

        if preset in ("monthly", "quarterly", "six_month", "annual"):
            return period_ending_on_cutoff(preset, today)
        return default_period(today)


class ReportReviewForm(forms.Form):
    """The committee's own words in its monthly report, before it is issued."""

    introduction = forms.CharField(label=_("Introduction"), widget=forms.Textarea(
        attrs={"rows": 4}), max_length=4000)
    recommendations = forms.CharField(
        label=_("Recommendations and proposals"), required=False, max_length=8000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Leave a blank line between two recommendations."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
