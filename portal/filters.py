"""The pieces every list and board uses to filter: one date input, one "which unit?"
parameter, one list filter form, one period picker. Apps subclass; none copies."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Unit
from .periods import Period

# The query parameter that says which unit a page is about, in every app: /?don-vi=12.
UNIT_PARAM = "don-vi"


class DateInput(forms.DateInput):
    """A day as offices write it, dd/mm/yyyy, whatever language the browser runs in: a
    native date picker shows the browser's own format, mm/dd/yyyy on the English Windows
    many office computers run, where 01/12 and 12/01 swap. yyyy-mm-dd is accepted too (the
    Vietnamese input formats). Members' phones keep the native picker on the answer page."""

    def __init__(self, attrs=None):
        super().__init__({"placeholder": "dd/mm/yyyy", "inputmode": "numeric",
                          "autocomplete": "off", **(attrs or {})}, format="%d/%m/%Y")


def choice_filter(label, choices) -> forms.ChoiceField:
    """A list filter on a choice field: "Any" first, nothing chosen by default."""
    return forms.ChoiceField(label=label, required=False, choices=[("", _("Any")), *choices])


def unit_from_query(request, queryset) -> Unit | None:
    """The unit `?don-vi=` names, if `queryset` (what the person may see) holds it."""
    value = request.GET.get(UNIT_PARAM, "")
    return queryset.filter(pk=value).first() if value.isdigit() else None


class ListFilterForm(forms.Form):
    """Filters of a list (GET): an invalid value is dropped rather than shown as an error.
    The unit field is sent as `?don-vi=`, the one name every app uses."""

    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), required=False,
                                  empty_label=_("All my units"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.visible_to(user)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def add_prefix(self, field_name: str) -> str:
        return UNIT_PARAM if field_name == "unit" else super().add_prefix(field_name)

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid() and not hasattr(self, "cleaned_data"):
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}


class PeriodPickerForm(forms.Form):
    """A period by name or by two dates (GET). Subclasses give `PRESETS` (the last one,
    "custom", means the dates) and `resolve(preset, today)`; the dates are checked here:
    both given, in order, at most `MAX_DAYS` apart, and, if `PAST_ONLY`, not in the
    future."""

    PRESETS: list[tuple[str, object]] = []
    PRESET_FIELD = "preset"  # a subclass that names the choice otherwise redeclares it
    MAX_DAYS = 731
    PAST_ONLY = False

    preset = forms.ChoiceField(label=pgettext_lazy("period", "Period"), required=False)
    start = forms.DateField(label=pgettext_lazy("period", "From"), required=False,
                            widget=DateInput())
    end = forms.DateField(label=pgettext_lazy("period", "To"), required=False,
                          widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.PRESET_FIELD].choices = self.PRESETS

    def clean(self):
        data = super().clean()
        if data.get(self.PRESET_FIELD) != "custom":
            return data
        start, end = data.get("start"), data.get("end")
        if not start or not end:
            raise forms.ValidationError(_("Give both dates of the period."), code="missing")
        if start > end:
            raise forms.ValidationError(
                _("The end of the period must be on or after its start."), code="reversed")
        if self.PAST_ONLY and end > timezone.localdate():
            raise forms.ValidationError(
                _("The period has not ended yet; choose a period in the past."),
                code="future")
        if (end - start).days > self.MAX_DAYS:
            raise forms.ValidationError(
                _("Choose a period of at most %(days)s days.") % {"days": self.MAX_DAYS},
                code="long")
        return data

    def resolve(self, preset: str, today: date) -> Period:
        raise NotImplementedError

    def selected_period(self) -> Period:
        """The chosen period; the subclass's default when nothing valid is chosen."""
        today = timezone.localdate()
        valid = self.is_bound and self.is_valid()
        preset = self.cleaned_data.get(self.PRESET_FIELD, "") if valid else ""
        if preset == "custom":
            return Period(self.cleaned_data["start"], self.cleaned_data["end"])
        return self.resolve(preset, today)
