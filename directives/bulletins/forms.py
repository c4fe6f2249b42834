"""Forms validate (with Vietnamese messages); services act."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from collaborators.models import OpinionReport
from portal.files import DOCUMENTS, kinds_of, upload_max_bytes, validate_upload
from portal.filters import PeriodPickerForm
from portal.models import Unit, User
from portal.periods import Period

from .models import Bulletin

DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"]


def _set_choices(form: forms.BaseForm, name: str, queryset) -> forms.ModelChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset
    return field


def _datetime_field(label, *, required: bool) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label, required=required, input_formats=DATETIME_FORMATS,
        # Written as offices write it, whatever the browser's language (see DateInput).
        widget=forms.DateTimeInput(attrs={"placeholder": "dd/mm/yyyy hh:mm",
                                          "autocomplete": "off"}, format="%d/%m/%Y %H:%M"),
        error_messages={"invalid": _("Enter a date and time, for example 05/01/2025 08:00."),
                        "required": _("This field is required.")})


class UnitChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return "\u2003" * obj.depth + obj.name


class ReportChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: OpinionReport) -> str:
        return f"{obj} · {obj.unit} · {obj.summary[:80]}"


class BulletinForm(forms.ModelForm):
    unit = forms.ModelChoiceField(label=_("Issuing unit"), queryset=Unit.objects.none(),
                                  empty_label=None)
    audience_units = UnitChoiceField(
        label=pgettext_lazy("bulletin", "Audience units"), queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Everyone in these units and in every unit below them."),
        error_messages={"required": _("Choose at least one unit."),
                        "invalid_choice": _("You may address only your own unit and the "
                                            "units below it.")})
    roles = forms.MultipleChoiceField(
        label=_("Only these roles"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[c for c in User.Role.choices if c[0] != User.Role.COMMITTEE],
        help_text=_("None ticked: every role."))
    staff_groups = forms.MultipleChoiceField(
        label=_("Only these staff groups"), required=False,
        widget=forms.CheckboxSelectMultiple, choices=User.StaffGroup.choices,
        help_text=_("None ticked: every staff group."))
    topics = forms.MultipleChoiceField(
        label=_("Hot topics it answers"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=OpinionReport.Topic.choices)
    reports = ReportChoiceField(label=_("Opinion reports it answers"), required=False,
                                queryset=OpinionReport.objects.none())
    publish_at = _datetime_field(_("Publish at"), required=True)
    expires_at = _datetime_field(_("Expires at"), required=False)
    attachment = forms.FileField(label=_("Attachment"), required=False)

    class Meta:
        model = Bulletin
        fields = ["unit", "title", "kind", "urgency", "body", "pinned", "publish_at",
                  "expires_at"]
        labels = {"title": pgettext_lazy("bulletin", "Title"),
                  "kind": pgettext_lazy("bulletin", "Kind"),
                  "urgency": pgettext_lazy("bulletin", "Urgency"),
                  "body": pgettext_lazy("bulletin", "Content"),
                  "pinned": _("Pin at the top of the list")}
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}
        help_texts = {"body": _("Paragraphs, **bold**, *italic*, lists, links and tables. "
                                "Scripts, pictures and embedded content are removed."),
                      "urgency": _("An urgent bulletin is also emailed to its audience.")}

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.changeable_by(user).active().order_by("path")
        _set_choices(self, "unit", units)
        _set_choices(self, "audience_units", units)
        _set_choices(self, "reports", OpinionReport.objects.visible_to(user)
                     .select_related("unit").order_by("-created_at")[:200])
        self.fields["attachment"].help_text = _("%(kinds)s, at most %(n)s MB.") % {
            "kinds": kinds_of(DOCUMENTS), "n": upload_max_bytes() // (1024 * 1024)}
        instance = self.instance
        if instance.pk:
            self.initial.update({
                "audience_units": [a.unit_id for a in instance.audience.all()],
                "roles": instance.role_list, "staff_groups": instance.staff_group_list,
                "topics": [t.topic for t in instance.topics.all()],
                "reports": list(instance.answers_reports.values_list("pk", flat=True))})
        else:
            self.initial.setdefault("publish_at", timezone.localtime().replace(second=0,
                                                                              microsecond=0))
            if user.unit_id:
                self.initial.setdefault("unit", user.unit_id)
                self.initial.setdefault("audience_units", [user.unit_id])
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(pgettext_lazy("bulletin", "Content"), "title",
                     Row(Column("kind", css_class="col-md-4"),
                         Column("urgency", css_class="col-md-4"),
                         Column("unit", css_class="col-md-4")),
                     "body", "attachment"),
            Fieldset(pgettext_lazy("bulletin", "Audience"), "audience_units",
                     Row(Column("roles", css_class="col-md-6"),
                         Column("staff_groups", css_class="col-md-6"))),
            Fieldset(_("What it answers"), "topics", "reports"),
            Fieldset(_("Publication"),
                     Row(Column("publish_at", css_class="col-md-6"),
                         Column("expires_at", css_class="col-md-6")), "pinned"),
        )

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        validate_upload(upload)
        return upload

    def clean(self):
        data = super().clean()
        publish, expires = data.get("publish_at"), data.get("expires_at")
        if publish and expires and expires <= publish:
            self.add_error("expires_at", forms.ValidationError(
                _("The expiry must come after the publication."), code="expiry"))
        if data.get("kind") == Bulletin.Kind.GUIDANCE and User.Role.MEMBER in (
                data.get("roles") or []):
            self.add_error("roles", forms.ValidationError(
                _("Guidance for collaborators is for collaborators and officers only; it "
                  "cannot be addressed to members."), code="guidance"))
        return data

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["attachments"] = [data.pop("attachment")] if data.get("attachment") else []
        return data

    def _post_clean(self):
        # The service validates and saves the model; the form checks only its fields.
        pass


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Your question"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("The answer is shown to everyone this bulletin is "
                                       "addressed to; your name is never shown."),
                           error_messages={"required": _("Write your question.")})


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), max_length=5000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": _("Write the answer.")})


class OrientPeriodForm(PeriodPickerForm):
    """The period the time to orient is counted over: the last 90 days by default."""

    PRESETS = [("90", _("Last 90 days")), ("30", _("Last 30 days")),
               ("365", _("Last 12 months")), ("custom", _("Chosen dates"))]
    PAST_ONLY = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)

    def resolve(self, preset: str, today) -> Period:
        return Period.last_days(int(preset or 90), today=today)
