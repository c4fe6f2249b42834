"""Forms validate (Vietnamese messages); services act."""

from __future__ import annotations

from decimal import Decimal

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from directives.models import Directive, DirectiveTask
from portal.files import DOCUMENTS, kinds_of, upload_max_bytes, validate_upload
from portal.filters import DateInput, ListFilterForm, choice_filter
from portal.models import Unit, User
from portal.tracking import inside_portal

from .models import Inspection, InspectionProgramme, Rating, Review, ReviewAssessment

ACCEPT = ",".join(DOCUMENTS)


class Capitalised:
    """Labels start with a capital letter, as a ModelForm's do (the msgids are the models'
    lowercase field names)."""

    fields: dict

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.label:
                field.label = capfirst(field.label)


def _set_choices(form: forms.BaseForm, name: str, queryset) -> forms.ModelChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset
    return field


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


def _file_help() -> str:
    return _("%(kinds)s, at most %(n)s MB.") % {"kinds": kinds_of(DOCUMENTS),
                                               "n": upload_max_bytes() // (1024 * 1024)}


class UploadField(forms.FileField):
    """An optional attachment checked by portal.files (type, size, content)."""

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)
        self.widget.attrs["accept"] = ACCEPT

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        validate_upload(upload)
        return upload


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = InspectionProgramme
        fields = ["unit", "year", "title", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self, "unit", Unit.objects.changeable_by(user).active())
        self.helper = _helper()


class PlanForm(forms.ModelForm):
    class Meta:
        model = Inspection
        fields = ["unit", "purpose", "content", "tasks", "starts_on", "ends_on", "head", "team"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput(),
                   "purpose": forms.Textarea(attrs={"rows": 3}),
                   "content": forms.Textarea(attrs={"rows": 4}),
                   "tasks": forms.CheckboxSelectMultiple(),
                   "team": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, programme: InspectionProgramme, **kwargs):
        super().__init__(*args, **kwargs)
        top = programme.unit
        _set_choices(self, "unit", Unit.objects.active().filter(path__startswith=top.path)
                     .exclude(pk=top.pk))
        people = (User.objects.filter(is_active=True)
                  .filter(Q(unit__path__startswith=top.path) | Q(role=User.Role.COMMITTEE))
                  .exclude(role__in=[User.Role.MEMBER]).order_by("full_name"))
        _set_choices(self, "head", people)
        _set_choices(self, "team", people)
        tasks = _set_choices(self, "tasks", DirectiveTask.objects.filter(
            directive__status="published").select_related("directive")
            .order_by("directive__issued_on", "number"))
        tasks.label_from_instance = lambda t: f"{t.directive.number} — {t}"  # type: ignore[method-assign, assignment]
        self.helper = _helper()

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", ValidationError(
                _("The inspection cannot end before it starts."), code="order"))
        return data


class NoticeForm(Capitalised, forms.Form):
    sent_on = forms.DateField(label=_("notice sent on"), widget=DateInput(),
                              initial=timezone.localdate)
    notice = forms.CharField(label=_("notice to the unit"), required=False,
                             widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class ScoresForm(Capitalised, forms.Form):
    """A score and a note per criterion of the inspection; `side` is "self" (the unit's
    self-report) or "team" (the verification)."""

    def __init__(self, *args, inspection: Inspection, side: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.side = side
        self.rows = list(inspection.scores.select_related("criterion"))
        score_field, note_field = (("self_score", "self_note") if side == "self"
                                   else ("score", "evidence"))
        note_label = _("the unit's note") if side == "self" else _("evidence seen")
        for row in self.rows:
            n = row.criterion.number
            self.fields[f"score_{row.criterion_id}"] = forms.DecimalField(
                label=_("Criterion %(n)s: score (0–%(max)s)") % {"n": n, "max": row.max_score},
                required=side == "team", min_value=Decimal(0),
                max_value=Decimal(row.max_score), max_digits=4, decimal_places=1,
                initial=getattr(row, score_field),
                error_messages={
                    "max_value": _("Give a score between 0 and %(max)s.")
                    % {"max": row.max_score},
                    "min_value": _("Give a score between 0 and %(max)s.")
                    % {"max": row.max_score},
                    "required": _("Score every criterion.")})
            self.fields[f"note_{row.criterion_id}"] = forms.CharField(
                label=_("Criterion %(n)s: %(what)s") % {"n": n, "what": note_label},
                required=False, initial=getattr(row, note_field),
                widget=forms.Textarea(attrs={"rows": 2}))

    def pairs(self):
        """(row, score field, note field) for the template."""
        return [(row, self[f"score_{row.criterion_id}"], self[f"note_{row.criterion_id}"])
                for row in self.rows]

    def scores(self) -> dict[int, tuple]:
        return {row.criterion_id: (self.cleaned_data.get(f"score_{row.criterion_id}"),
                                   self.cleaned_data.get(f"note_{row.criterion_id}", ""))
                for row in self.rows}


class SelfReportForm(ScoresForm):
    report = forms.CharField(label=_("self-report"), widget=forms.Textarea(attrs={"rows": 6}),
                             error_messages={"required": _("Write the unit's self-report.")})
    upload = UploadField(label=_("self-report file"))

    def __init__(self, *args, inspection: Inspection, **kwargs):
        super().__init__(*args, inspection=inspection, side="self", **kwargs)
        self.fields["report"].initial = inspection.self_report
        self.fields["upload"].help_text = _file_help()


class VerifyForm(ScoresForm):
    verified_on = forms.DateField(label=_("verified on"), widget=DateInput(),
                                  initial=timezone.localdate)
    record = forms.CharField(label=_("verification record"),
                             widget=forms.Textarea(attrs={"rows": 6}),
                             error_messages={"required": _("Write what the team verified.")})
    upload = UploadField(label=_("signed verification minutes"))

    def __init__(self, *args, inspection: Inspection, **kwargs):
        super().__init__(*args, inspection=inspection, side="team", **kwargs)
        self.fields["record"].initial = inspection.verification
        self.fields["upload"].help_text = _file_help()


class ConclusionForm(Capitalised, forms.Form):
    rating = forms.ChoiceField(label=pgettext_lazy("inspection", "rating"),
                               choices=[("", "—"), *Rating.choices],
                               error_messages={"required": _("Choose the rating.")})
    conclusion = forms.CharField(label=_("conclusion"), widget=forms.Textarea(attrs={"rows": 8}),
                                 error_messages={"required": _(
                                     "Write the conclusion before giving a rating.")})
    concluded_on = forms.DateField(label=_("concluded on"), widget=DateInput(),
                                   initial=timezone.localdate)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class RecommendationForm(Capitalised, forms.Form):
    text = forms.CharField(label=pgettext_lazy("recommendation", "recommendation"),
                           widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": _("Write the recommendation.")})
    owner = forms.ModelChoiceField(label=pgettext_lazy("tracked item", "person in charge"),
                                   queryset=User.objects.none(),
                                   error_messages={"required": _("Choose the person in "
                                                                 "charge.")})
    due_on = forms.DateField(label=_("deadline"), widget=DateInput(),
                             error_messages={"required": _("Give the deadline.")})

    def __init__(self, *args, inspection: Inspection, **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self, "owner", User.objects.filter(
            is_active=True, unit__path__startswith=inspection.unit.path)
            .exclude(role=User.Role.MEMBER).order_by("full_name"))
        self.helper = _helper()


class AnswerForm(Capitalised, forms.Form):
    note = forms.CharField(label=_("what the unit did"),
                           widget=forms.Textarea(attrs={"rows": 4}),
                           error_messages={"required": _("Say what the unit did.")})
    evidence = UploadField(label=_("evidence file"))
    evidence_link = forms.CharField(label=_("link to a record in the portal"), required=False,
                                    max_length=300, validators=[inside_portal])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].help_text = _file_help()
        self.helper = _helper()


class ReturnForm(Capitalised, forms.Form):
    reason = forms.CharField(label=_("reason for returning"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))


class ReinspectionForm(Capitalised, forms.Form):
    starts_on = forms.DateField(label=pgettext_lazy("inspection", "from"), widget=DateInput())
    ends_on = forms.DateField(label=pgettext_lazy("inspection", "to"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            raise ValidationError(_("The inspection cannot end before it starts."),
                                  code="order")
        return data


class InspectionFilterForm(Capitalised, ListFilterForm):
    status = choice_filter(_("status"), Inspection.Status.choices)
    year = forms.IntegerField(label=_("year"), required=False, min_value=2000, max_value=2100)


class ReviewForm(forms.ModelForm):
    class Meta:
        model = Review
        fields = ["directive", "unit", "kind", "title", "period_start", "period_end", "due_on",
                  "note"]
        widgets = {"period_start": DateInput(), "period_end": DateInput(),
                   "due_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self, "unit", Unit.objects.changeable_by(user).active())
        _set_choices(self, "directive",
                     Directive.objects.visible_to(user).filter(status="published"))
        self.helper = _helper()


class AssessmentForm(Capitalised, forms.Form):
    """A result, an evidence note and a link per task of the review's directive."""

    def __init__(self, *args, tasks, existing: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.tasks = list(tasks)
        for task in self.tasks:
            row = existing.get(task.pk)
            self.fields[f"result_{task.pk}"] = forms.ChoiceField(
                label=_("Task %(n)s: result") % {"n": task.number},
                choices=[("", "—"), *ReviewAssessment.Result.choices],
                initial=row.result if row else "",
                error_messages={"required": _("Assess every task of the directive.")})
            self.fields[f"note_{task.pk}"] = forms.CharField(
                label=_("Task %(n)s: evidence") % {"n": task.number}, required=False,
                initial=row.evidence_note if row else "",
                widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[f"link_{task.pk}"] = forms.CharField(
                label=_("Task %(n)s: link to a record in the portal") % {"n": task.number},
                required=False, max_length=300, validators=[inside_portal],
                initial=row.evidence_link if row else "")

    def triples(self):
        return [(t, self[f"result_{t.pk}"], self[f"note_{t.pk}"], self[f"link_{t.pk}"])
                for t in self.tasks]

    def rows(self) -> dict[int, tuple[str, str, str]]:
        d = self.cleaned_data
        return {t.pk: (d[f"result_{t.pk}"], d.get(f"note_{t.pk}", ""),
                       d.get(f"link_{t.pk}", "")) for t in self.tasks}


class RatingForm(Capitalised, forms.Form):
    rating = forms.ChoiceField(label=pgettext_lazy("review", "rating"),
                               choices=[("", "—"), *Rating.choices],
                               error_messages={"required": _("Choose the rating.")})
    comment = forms.CharField(label=pgettext_lazy("review", "comment"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    commend_unit = forms.BooleanField(label=_("propose the unit for commendation"),
                                      required=False)
    commend_person = forms.CharField(label=_("person proposed for commendation"),
                                     required=False, max_length=150)
    commend_reason = forms.CharField(label=_("reason for the commendation"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean(self):
        data = super().clean()
        if (data.get("commend_unit") or data.get("commend_person")) and not (
                data.get("commend_reason") or "").strip():
            self.add_error("commend_reason", ValidationError(
                _("Say why the unit or the person is proposed for commendation."),
                code="reason"))
        return data
