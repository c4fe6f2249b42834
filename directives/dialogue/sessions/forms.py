"""Forms of dialogue sessions: they validate with Vietnamese messages; services act."""

from __future__ import annotations

from datetime import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.files import kinds_of, upload_max_bytes, validate_upload
from portal.filters import DateInput, ListFilterForm, choice_filter
from portal.models import Unit, User
from portal.tracking import TrackedStatus

from ..models import Commitment, DialogueSession, SessionKind
from .services import SIGNED_MINUTES


def _set_choices(form: forms.BaseForm, name: str, queryset) -> forms.ModelChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset
    return field


TEXTAREA = {"rows": 3}


def _time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _helper(*layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*layout)
    return helper


class SessionForm(forms.ModelForm):
    day = forms.DateField(label=pgettext_lazy("dialogue", "Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Start time"), widget=_time_input())
    end_time = forms.TimeField(label=_("End time"), widget=_time_input(), required=False)

    class Meta:
        model = DialogueSession
        fields = ["unit", "kind", "title", "working_year", "place", "leadership_side",
                  "union_side", "attendance", "agenda"]
        widgets = {"leadership_side": forms.Textarea(attrs=TEXTAREA),
                   "union_side": forms.Textarea(attrs=TEXTAREA),
                   "agenda": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self, "unit", Unit.objects.changeable_by(user).filter(is_active=True))
        self.fields["working_year"].widget.attrs.update({"min": 2000, "max": 2100})
        self.fields["agenda"].help_text = _(
            "Send the agenda to the participants at least five working days before; the "
            "portal reminds the organiser.")
        if self.instance.pk:
            start = timezone.localtime(self.instance.starts_at)
            self.initial.update(day=start.date(), start_time=start.time())
            if self.instance.ends_at:
                self.initial["end_time"] = timezone.localtime(self.instance.ends_at).time()
        self.helper = _helper(
            Row(Column("unit", css_class="col-md-6"), Column("kind", css_class="col-md-6")),
            "title",
            Row(Column("day", css_class="col-sm-4"),
                Column("start_time", css_class="col-6 col-sm-4"),
                Column("end_time", css_class="col-6 col-sm-4")),
            Row(Column("place", css_class="col-md-8"),
                Column("working_year", css_class="col-md-4")),
            Row(Column("leadership_side", css_class="col-md-6"),
                Column("union_side", css_class="col-md-6")),
            "attendance", "agenda")

    def clean(self):
        data = super().clean()
        day, start, end = data.get("day"), data.get("start_time"), data.get("end_time")
        if day and start:
            data["starts_at"] = timezone.make_aware(datetime.combine(day, start))
            data["ends_at"] = (timezone.make_aware(datetime.combine(day, end))
                               if end else None)
            if end and end <= start:
                self.add_error("end_time", forms.ValidationError(
                    _("The session must end after it starts."), code="end_before_start"))
        if data.get("kind") == SessionKind.CONFERENCE and not data.get("working_year"):
            self.add_error("working_year", forms.ValidationError(
                _("Give the working year this conference reviews."), code="no_year"))
        return data

    def _post_clean(self):  # the service sets the times and checks the whole record
        pass


class MinutesForm(forms.ModelForm):
    class Meta:
        model = DialogueSession
        fields = ["chair", "secretary", "attendance", "leadership_side", "union_side",
                  "present", "absent", "agreed", "still_open", "signed_minutes"]
        widgets = {name: forms.Textarea(attrs=TEXTAREA)
                   for name in ("leadership_side", "union_side", "present", "absent",
                                "agreed", "still_open")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("chair", "secretary"):
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = _(
                "A signed record names its chair and its secretary.")
        self.fields["signed_minutes"].help_text = _(
            "The signed minutes: %(kinds)s, at most %(n)s MB.") % {
            "kinds": kinds_of(SIGNED_MINUTES), "n": upload_max_bytes() // (1024 * 1024)}
        self.fields["signed_minutes"].widget.attrs["accept"] = ",".join(SIGNED_MINUTES)
        self.helper = _helper(
            Row(Column("chair", css_class="col-md-5"), Column("secretary", css_class="col-md-5"),
                Column("attendance", css_class="col-md-2")),
            Row(Column("leadership_side", css_class="col-md-6"),
                Column("union_side", css_class="col-md-6")),
            Row(Column("present", css_class="col-md-6"), Column("absent", css_class="col-md-6")),
            Row(Column("agreed", css_class="col-md-6"), Column("still_open", css_class="col-md-6")),
            "signed_minutes")

    def clean_signed_minutes(self):
        upload = self.cleaned_data.get("signed_minutes")
        if upload and hasattr(upload, "size"):
            validate_upload(upload, suffixes=SIGNED_MINUTES)
        return upload

    def _post_clean(self):  # the service saves; the form only checks the fields
        pass


class QuestionForm(forms.Form):
    asked_by = forms.CharField(label=_("asked by"), max_length=150, required=False)
    question = forms.CharField(label=_("question"), required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))
    answer = forms.CharField(label=_("answer given"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        if data.get("answer", "").strip() and not data.get("question", "").strip():
            self.add_error("question", forms.ValidationError(
                _("Write the question this answer is for."), code="answer_without_question"))
        return data


QuestionFormSet = forms.formset_factory(QuestionForm, extra=2)


class SummaryForm(forms.Form):
    summary = forms.CharField(
        label=_("summary for members"), widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write the summary the members will read.")},
        help_text=_("What was discussed, what the leadership answered and committed to. The "
                    "members of the unit read it on their page; publish it within three "
                    "working days."))


class CommitmentForm(forms.ModelForm):
    class Meta:
        model = Commitment
        fields = ["title", "responsible", "owner", "due_on", "status", "public_note", "note"]
        widgets = {"due_on": DateInput(), "public_note": forms.Textarea(attrs=TEXTAREA),
                   "note": forms.Textarea(attrs=TEXTAREA)}
        error_messages = {
            "title": {"required": _("Write what was committed.")},
            "responsible": {"required": _("Say who committed: a person or an office.")},
            "due_on": {"required": _("Give the deadline of the commitment.")},
        }

    def __init__(self, *args, session: DialogueSession, **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self, "owner", User.objects.filter(
            is_active=True, unit__path__startswith=session.unit.path).order_by("full_name"))
        self.fields["owner"].help_text = _(
            "The portal account that reports progress, if there is one.")
        self.fields["note"].help_text = _("Internal: never shown to the members.")
        self.fields["public_note"].help_text = _("Shown to the unit's members.")
        if not self.instance.pk:
            del self.fields["status"]
            del self.fields["note"]
        self.helper = _helper(*[name for name in self.fields])

    def _post_clean(self):  # the service validates the whole record
        pass


class SessionFilterForm(ListFilterForm):
    kind = choice_filter(pgettext_lazy("dialogue", "Kind"), SessionKind.choices)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)


class CommitmentFilterForm(ListFilterForm):
    state = choice_filter(_("Status"), [("open", _("Open")), ("overdue", _("Overdue")),
                                        ("due", _("Due soon")),
                                        ("done", TrackedStatus.DONE.label)])


class YearsForm(forms.Form):
    until = forms.IntegerField(label=_("Up to the year"), required=False, min_value=2000,
                               max_value=2100)
