"""Forms validate (with Vietnamese messages); services act."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import PurePath

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row, Submit
from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.ages import BIRTH_YEAR_MAX, BIRTH_YEAR_MIN
from portal.files import SCANS, validate_upload
from portal.filters import DateInput, ListFilterForm, PeriodPickerForm, choice_filter
from portal.models import Unit, User

from .models import Collaborator, OpinionReport, Training
from .normalise import clean_text, normalise_phone
from .periods import Period


def scan_max_bytes() -> int:
    return getattr(settings, "COLLABORATORS_UPLOAD_MAX_MB", 5) * 1024 * 1024


def _not_in_future(value: date | None) -> date | None:
    if value and value > timezone.localdate():
        raise forms.ValidationError(_("This date is in the future."), code="future")
    return value


class CollaboratorForm(forms.ModelForm):
    # Longer than the stored number: "+84 912 345 678" is typed, "0912345678" is kept.
    phone = forms.CharField(label=_("Phone"), max_length=25, required=False)

    class Meta:
        model = Collaborator
        fields = ["unit", "full_name", "network_role", "gender", "birth_year", "position",
                  "group", "phone", "email", "account", "decision_number", "decision_date",
                  "decision_file", "joined_on", "status", "status_since", "notes"]
        widgets = {"decision_date": DateInput(), "joined_on": DateInput(),
                   "status_since": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}
        # Django's own Vietnamese for these reads badly or is missing.
        error_messages = {"birth_year": {"invalid": _(
            "Write the year of birth with four digits, e.g. 1985.")}}

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.changeable_by(user).active()
        linked = Collaborator.objects.exclude(pk=self.instance.pk).exclude(account=None)
        self.fields["account"].queryset = (
            User.objects.changeable_by(user).filter(is_active=True)
            .exclude(pk__in=linked.values("account_id")).order_by("full_name"))
        self.fields["account"].help_text = _(
            "Link the person's portal account so that they can file opinion reports and see "
            "their trainings.")
        self.fields["birth_year"].widget.attrs.update({"min": BIRTH_YEAR_MIN,
                                                        "max": BIRTH_YEAR_MAX})
        self.fields["phone"].widget.attrs.update({"inputmode": "tel", "autocomplete": "off"})
        self.fields["decision_file"].help_text = _(
            "PDF, JPG or PNG, at most %(n)s MB.") % {"n": scan_max_bytes() // (1024 * 1024)}
        self.fields["decision_file"].widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png"
        ended = self.instance.pk and self.instance.status == Collaborator.Status.ENDED
        if not ended:  # leaving the network goes through "End", which asks why
            self.fields["status"].choices = [
                c for c in Collaborator.Status.choices if c[0] != Collaborator.Status.ENDED]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(pgettext_lazy("collaborator", "Person"),
                     Row(Column("full_name", css_class="col-md-6"),
                         Column("unit", css_class="col-md-6")),
                     Row(Column("network_role", css_class="col-sm-6 col-md-4"),
                         Column("group", css_class="col-sm-6 col-md-4"),
                         Column("position", css_class="col-md-4")),
                     Row(Column("gender", css_class="col-6 col-md-3"),
                         Column("birth_year", css_class="col-6 col-md-3"),
                         Column("phone", css_class="col-md-3"),
                         Column("email", css_class="col-md-3")),
                     "account"),
            Fieldset(pgettext_lazy("collaborator", "Appointment"),
                     Row(Column("decision_number", css_class="col-md-4"),
                         Column("decision_date", css_class="col-md-4"),
                         Column("joined_on", css_class="col-md-4")),
                     "decision_file",
                     Row(Column("status", css_class="col-md-6"),
                         Column("status_since", css_class="col-md-6"))),
            "notes",
        )

    def clean_full_name(self) -> str:
        name = clean_text(self.cleaned_data["full_name"])
        if len(name.split()) < 2:
            raise forms.ValidationError(
                _("Write the full name: family, middle and given names."), code="short_name")
        return name

    def clean_phone(self) -> str:
        try:
            return normalise_phone(self.cleaned_data["phone"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="phone") from None

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean_position(self) -> str:
        return clean_text(self.cleaned_data["position"])

    def clean_decision_date(self):
        return _not_in_future(self.cleaned_data["decision_date"])

    def clean_joined_on(self):
        return _not_in_future(self.cleaned_data["joined_on"])

    def clean_decision_file(self):
        upload = self.cleaned_data.get("decision_file")
        if upload and hasattr(upload, "content_type"):  # not unchanged, not cleared
            validate_upload(upload, suffixes=SCANS, max_bytes=scan_max_bytes())
        return upload


class EndForm(forms.Form):
    on = forms.DateField(label=_("Left the network on"), widget=DateInput(),
                         initial=timezone.localdate)
    reason = forms.CharField(label=_("Reason"), max_length=255,
                             widget=forms.TextInput(attrs={"placeholder": _(
                                 "e.g. retired, moved to another unit, resigned")}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("end", _("End their membership"), css_class="btn-danger"))

    def clean_on(self) -> date:
        return _not_in_future(self.cleaned_data["on"])  # type: ignore[return-value]

    def clean_reason(self) -> str:
        return clean_text(self.cleaned_data["reason"])


TRAINED_CHOICES = [("", _("Any")), ("yes", _("Trained in the last 12 months")),
                   ("no", _("Not trained in the last 12 months"))]


class RosterFilterForm(ListFilterForm):

    field_order = ["q", "unit"]
    q = forms.CharField(label=_("Search"), required=False, widget=forms.TextInput(attrs={
        "type": "search", "placeholder": _("Name, phone, email, position")}))
    group = choice_filter(_("Composition group"), Collaborator.Group.choices)
    role = choice_filter(_("Role in the network"), Collaborator.NetworkRole.choices)
    status = choice_filter(_("Status"), Collaborator.Status.choices)
    trained = forms.ChoiceField(label=_("Training"), required=False, choices=TRAINED_CHOICES)
    # The day the 12 months of "trained" end (a dashboard of a past period links with it).
    on = forms.DateField(required=False, widget=forms.HiddenInput)


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("Roster file (.xlsx)"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if PurePath(upload.name).suffix.lower() != ".xlsx":
            raise forms.ValidationError(
                _("Upload an Excel workbook (.xlsx). Save .xls or .csv files as .xlsx first."),
                code="file_type")
        return upload


class TrainingForm(forms.ModelForm):
    class Meta:
        model = Training
        fields = ["title", "held_on", "organiser", "hours", "place", "content"]
        widgets = {"held_on": DateInput(), "content": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"hours": {
            "invalid": _("Write the number of hours, e.g. 3 or 1.5."),
            "max_digits": _("At most 200 hours; split longer courses."),
            "max_whole_digits": _("At most 200 hours; split longer courses."),
            "max_decimal_places": _("Count hours to the half hour, e.g. 1.5."),
        }}

    def __init__(self, data=None, *args, user: User, **kwargs):
        if data is not None and "hours" in data:  # "1,5" as Vietnamese write it
            data = data.copy()
            data["hours"] = data["hours"].replace(",", ".")
        super().__init__(data, *args, **kwargs)
        self.fields["organiser"].queryset = Unit.objects.changeable_by(user).active()
        self.fields["hours"].widget.attrs.update({"step": "0.5", "min": "0.5"})
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "title",
            Row(Column("held_on", css_class="col-sm-6 col-md-3"),
                Column("hours", css_class="col-sm-6 col-md-3"),
                Column("organiser", css_class="col-md-6")),
            "place", "content")

    def clean_title(self) -> str:
        return clean_text(self.cleaned_data["title"])

    def clean_held_on(self) -> date:
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate() + timedelta(days=366):
            raise forms.ValidationError(_("This date is more than a year ahead."), code="far")
        if held_on.year < 2000:
            raise forms.ValidationError(_("This date is too long ago."), code="old")
        return held_on


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label=_("Attended"), queryset=Collaborator.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["present"]
        field.queryset = candidates
        field.label_from_instance = lambda c: f"{c.full_name} · {c.unit.code}"
        field.widget.attrs["class"] = "form-check-input"


class OpinionReportForm(forms.ModelForm):
    key = forms.UUIDField(widget=forms.HiddenInput, required=False, error_messages={
        "invalid": _("The form has expired; please send it again.")})

    class Meta:
        model = OpinionReport
        fields = ["topic", "summary", "sentiment", "spread", "urgency", "proposal"]
        widgets = {
            # drawn as large touch targets by the template (_tiles.html)
            "topic": forms.RadioSelect, "sentiment": forms.RadioSelect,
            "spread": forms.RadioSelect, "urgency": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 4, "placeholder": _(
                "What are people saying, and about what? Who (which group) is saying it?")}),
            "proposal": forms.Textarea(attrs={"rows": 2, "placeholder": _(
                "Optional: what the union could do")}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("topic", "sentiment", "spread", "urgency"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_summary(self) -> str:
        summary = self.cleaned_data["summary"].strip()
        if len(summary) < 10:
            raise forms.ValidationError(
                _("Write at least a sentence about what people are saying."), code="short")
        return summary


class CommentForm(forms.Form):
    body = forms.CharField(label=pgettext_lazy("opinion report", "Comment"), required=False,
                           max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class EscalateForm(forms.Form):
    note = forms.CharField(label=_("Why it needs to be handled as an issue"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class ReportFilterForm(ListFilterForm):
    field_order = ["status", "topic", "urgency", "attention", "start", "end", "unit"]
    status = choice_filter(_("Status"), OpinionReport.Status.choices)
    topic = choice_filter(_("Topic"), OpinionReport.Topic.choices)
    urgency = choice_filter(_("Urgency"), OpinionReport.Urgency.choices)
    # What the dashboards count as needing attention: urgent, or heard widely.
    attention = choice_filter(_("Needs attention"), [("1", _("Urgent or widespread"))])
    start = forms.DateField(label=_("Filed from"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Filed until"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            del data["start"], data["end"]
            raise forms.ValidationError(
                _("The first day comes after the last day: the list is not filtered by day."),
                code="reversed")
        return data


PRESETS = [("7", _("Last 7 days")), ("30", _("Last 30 days")), ("90", _("Last 90 days")),
           ("365", _("Last 12 months")), ("custom", _("Chosen dates"))]


class PeriodForm(PeriodPickerForm, ListFilterForm):
    """The hot-topics board's period and scope (GET): `?period=30` or chosen dates."""

    PRESETS = PRESETS  # type: ignore[assignment]
    PRESET_FIELD = "period"
    field_order = ["period", "start", "end", "unit"]
    # The choice is sent as ?period= rather than the picker's ?preset=.
    preset = None  # type: ignore[assignment]
    period = forms.ChoiceField(label=pgettext_lazy("period", "Period"), required=False,
                               initial="30")

    def resolve(self, preset: str, today) -> Period:
        return Period.last_days(int(preset or 30), today=today)

    def chosen(self) -> tuple[Period, Unit | None]:
        """The valid choice, or the last 30 days over everything the user sees."""
        unit = self.cleaned_data.get("unit") if self.is_bound and self.is_valid() else None
        return self.selected_period(), unit

