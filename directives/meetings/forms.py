"""Forms of briefing meetings, with Vietnamese messages through the catalogue."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import cast

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.filters import DateInput, ListFilterForm, PeriodPickerForm, choice_filter
from portal.forms import ComposedTextMixin
from portal.models import Unit, User
from portal.periods import Period, months_before
from portal.tracking import TrackedStatus

from .models import Attendance, Meeting

LINK_WINDOW_DAYS = 365  # reports and surveys offered for linking: from the last year


def _choices(field: forms.Field) -> forms.ModelChoiceField:
    """A model form's relation field: a ModelChoiceField (or ModelMultipleChoiceField)."""
    return cast(forms.ModelChoiceField, field)


class _ReportChoiceField(forms.ModelMultipleChoiceField):
    """The opinion reports a meeting may link, each labelled with its unit and summary."""

    def label_from_instance(self, obj) -> str:
        return f"{obj} · {obj.unit.code} · {obj.summary[:60]}"


class MeetingForm(ComposedTextMixin, forms.ModelForm):
    day = forms.DateField(label=_("Date"), widget=DateInput(), error_messages={
        "required": _("Give the date of the meeting."),
        "invalid": _("Write the date as dd/mm/yyyy.")})
    starts = forms.TimeField(label=_("Starts at"), widget=forms.TimeInput(
        attrs={"type": "time"}, format="%H:%M"), error_messages={
        "required": _("Give the time the meeting starts."),
        "invalid": _("Write the time as hh:mm.")})
    ends = forms.TimeField(label=_("Ends at"), widget=forms.TimeInput(
        attrs={"type": "time"}, format="%H:%M"), error_messages={
        "required": _("Give the time the meeting ends."),
        "invalid": _("Write the time as hh:mm.")})
    agenda = forms.CharField(
        label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One item per line, in the order they are discussed."))

    class Meta:
        model = Meeting
        fields = ["unit", "kind", "group", "place", "chair", "secretary", "minutes",
                  "opinion_reports", "surveys"]
        field_classes = {"opinion_reports": _ReportChoiceField}
        widgets = {"minutes": forms.Textarea(attrs={"rows": 10}),
                   "opinion_reports": forms.SelectMultiple(attrs={"size": 6}),
                   "surveys": forms.SelectMultiple(attrs={"size": 4})}
        help_texts = {"minutes": _("What was reported, discussed and concluded. Simple "
                                   "formatting: **bold**, lists starting with -.")}
        error_messages = {"unit": {"required": _("Choose the unit holding the meeting.")},
                          "place": {"required": _("Give the place of the meeting.")},
                          "chair": {"required": _("Give the name of the chair.")},
                          "secretary": {"required": _("Give the name of the secretary.")}}

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        from collaborators.models import OpinionReport
        from surveys.models import Survey

        meeting = self.instance if self.instance.pk else None
        _choices(self.fields["unit"]).queryset = Unit.objects.changeable_by(user).active()
        self.fields["unit"].error_messages["invalid_choice"] = _(
            "Choose one of your units: a meeting of another unit cannot be recorded here.")
        since = timezone.now() - timedelta(days=LINK_WINDOW_DAYS)
        linked_reports = Q(pk__in=meeting.opinion_reports.values("pk")) if meeting else Q()
        linked_surveys = Q(pk__in=meeting.surveys.values("pk")) if meeting else Q()
        _choices(self.fields["opinion_reports"]).queryset = (
            OpinionReport.objects.visible_to(user)
            .filter(Q(created_at__gte=since) | linked_reports if meeting
                    else Q(created_at__gte=since)).select_related("unit"))
        _choices(self.fields["surveys"]).queryset = (
            Survey.objects.visible_to(user).exclude(status="draft")
            .filter(Q(closes_at__gte=since) | linked_surveys if meeting
                    else Q(closes_at__gte=since)).order_by("-closes_at"))
        for name in ("opinion_reports", "surveys"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "Link only records your units can see.")
        if meeting:
            start = timezone.localtime(meeting.starts_at)
            self.initial.update(day=start.date(), starts=start.time(),
                                ends=timezone.localtime(meeting.ends_at).time(),
                                agenda="\n".join(a.title for a in meeting.agenda.all()))
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(Column("unit", css_class="col-md-6"), Column("kind", css_class="col-sm-6 col-md-3"),
                Column("group", css_class="col-sm-6 col-md-3")),
            Row(Column("day", css_class="col-sm-4"), Column("starts", css_class="col-6 col-sm-4"),
                Column("ends", css_class="col-6 col-sm-4")),
            "place",
            Row(Column("chair", css_class="col-md-6"), Column("secretary", css_class="col-md-6")),
            "agenda", "minutes",
            Row(Column("opinion_reports", css_class="col-md-7"),
                Column("surveys", css_class="col-md-5")))

    def clean(self):
        data = super().clean()
        day, starts, ends = data.get("day"), data.get("starts"), data.get("ends")
        if day and starts and ends:
            if ends <= starts:
                self.add_error("ends", forms.ValidationError(
                    _("The meeting must end after it starts."), code="reversed"))
            else:
                data["starts_at"] = timezone.make_aware(datetime.combine(day, starts))
                data["ends_at"] = timezone.make_aware(datetime.combine(day, ends))
        if data.get("kind") == Meeting.Kind.THEMATIC and not data.get("group"):
            self.add_error("group", forms.ValidationError(
                _("Choose the group a thematic meeting is held with."), code="group"))
        data["agenda"] = (data.get("agenda") or "").splitlines()
        return data

    def _post_clean(self):
        # The service sets the fields and checks the model; the form checks only its input.
        pass


class AttendanceForm(forms.Form):
    """One row per account of the unit (status and reason) and the guests, one per line."""

    guests = forms.CharField(
        label=_("Guests"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One guest per line: name, then a comma and their position."))

    def __init__(self, *args, candidates, recorded: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = list(candidates)
        choices = [("", _("Not listed")), *Attendance.Status.choices]
        self.rows = []
        for person in self.candidates:
            row = recorded.get(person.pk)
            status = forms.ChoiceField(label=str(person), choices=choices, required=False,
                                       initial=row.status if row else "")
            status.widget.attrs["class"] = "form-select form-select-sm"
            reason = forms.CharField(label=_("Reason for absence"), required=False,
                                     max_length=300, initial=row.reason if row else "")
            reason.widget.attrs.update({
                "class": "form-control form-control-sm",
                "aria-label": _("Reason for absence of %(name)s") % {"name": person}})
            self.fields[f"status_{person.pk}"] = status
            self.fields[f"reason_{person.pk}"] = reason
            self.rows.append((person, f"status_{person.pk}", f"reason_{person.pk}"))
        self.fields["guests"].widget.attrs["class"] = "form-control"

    def bound_rows(self):
        return [(person, self[status], self[reason]) for person, status, reason in self.rows]

    def clean(self):
        data = super().clean()
        accounts = {}
        for person, status, reason in self.rows:
            value, why = data.get(status), (data.get(reason) or "").strip()
            if not value:
                continue
            if value == Attendance.Status.EXCUSED and not why:
                self.add_error(reason, forms.ValidationError(
                    _("Give the reason of an excused absence."), code="reason"))
            accounts[person] = (value, why)
        guests = []
        for line in (data.get("guests") or "").splitlines():
            if not line.strip():
                continue
            name, _comma, title = line.partition(",")
            if len(name.strip()) > 150 or len(title.strip()) > 200:
                self.add_error("guests", forms.ValidationError(
                    _("A guest's name is at most 150 characters, their position 200."),
                    code="long"))
            guests.append((name.strip(), title.strip()))
        data["accounts"], data["guest_rows"] = accounts, guests
        return data


class ActionForm(ComposedTextMixin, forms.Form):
    title = forms.CharField(label=_("What is to be done"), max_length=300, error_messages={
        "required": _("Say what is to be done.")})
    owner = forms.ModelChoiceField(
        label=pgettext_lazy("tracked item", "Person in charge"), queryset=User.objects.none(),
        required=False)
    due_on = forms.DateField(label=_("Deadline"), widget=DateInput(), required=False,
                             error_messages={"invalid": _("Write the date as dd/mm/yyyy.")})

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people
        self.fields["owner"].error_messages["invalid_choice"] = _(
            "The person in charge must be an account of the meeting's unit.")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "title", Row(Column("owner", css_class="col-md-8"),
                         Column("due_on", css_class="col-md-4")))

    def clean_owner(self):
        owner = self.cleaned_data.get("owner")
        if owner is None:
            raise forms.ValidationError(_("Choose the person in charge of the action."),
                                        code="owner")
        return owner

    def clean_due_on(self):
        due_on = self.cleaned_data.get("due_on")
        if due_on is None:
            raise forms.ValidationError(_("Give the action's deadline."), code="due")
        return due_on


class ProgressForm(ComposedTextMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TrackedStatus.choices)
    note = forms.CharField(label=pgettext_lazy("tracked item", "Progress note"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))
    evidence_link = forms.CharField(
        label=_("Link to a record in the portal"), required=False, max_length=300,
        help_text=_("An address inside the portal, starting with /."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class MeetingFilterForm(ListFilterForm):
    field_order = ["level", "kind", "start", "end", "unit"]
    level = choice_filter(pgettext_lazy("meeting", "Level"), Meeting.Level.choices)
    kind = choice_filter(pgettext_lazy("meeting", "Kind"), Meeting.Kind.choices)
    start = forms.DateField(label=_("Held from"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Held until"), required=False, widget=DateInput())


class ActionFilterForm(ListFilterForm):
    field_order = ["due", "status", "unit"]
    due = choice_filter(_("Deadline"), [("overdue", _("Overdue")), ("due", _("Due within 7 days")),
                                        ("open", _("All open"))])
    status = choice_filter(_("Status"), TrackedStatus.choices)


class CadenceForm(PeriodPickerForm, ListFilterForm):
    """The period and the unit whose meetings, and whose units' meetings, are checked."""

    PRESETS = [("3", _("Last 3 months")), ("1", _("Last month")), ("6", _("Last 6 months")),
               ("12", _("Last 12 months")), ("custom", _("Chosen dates"))]
    PAST_ONLY = False
    field_order = ["preset", "start", "end", "unit"]

    def resolve(self, preset: str, today: date) -> Period:
        """Whole months up to the last finished one."""
        months = int(preset or 3)
        end = today.replace(day=1) - timedelta(days=1)
        return Period(months_before(end.replace(day=1), months - 1), end)

    def chosen(self, user) -> tuple[Period, Unit | None]:
        unit = self.cleaned_data.get("unit") if self.is_bound and self.is_valid() else None
        if unit is None:
            unit = (Unit.objects.filter(parent=None).order_by("path").first()
                    if user.is_committee else user.unit)
        return self.selected_period(), unit
