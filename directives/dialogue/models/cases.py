"""The grievance register (kiến nghị, phản ánh).

A case is a member's concern that a unit of the union owns until it is answered. It is a
tracked item (`portal.tracking`): `unit` is the unit that owns it, `owner` the person in
charge, `due_on` the deadline now running (intake, verification, follow-up or answer), and
`status` the tracked status the shared reads count (open, overdue, done). The detailed
workflow is `stage`; services keep both in step (`STATUS_OF`).

Privacy (Law 91/2025: grievances are sensitive data):

- Who raised a case (`raised_by`) is shown only to its handlers, and every time it is
  shown a `CaseNameRead` row says who read it and when.
- An anonymous case keeps no link to its person: `raised_by` is empty, its key is random
  (no order of arrival), it keeps the day it came in but no time, its creation writes no
  history row (which would carry the account and the time) and no timeline entry, and its
  receipt code is stored only as a keyed hash (`receipt_hash`).
- A case opened from a survey's free-text answer copies the text and links the survey and
  the question, never the response or the answer.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from portal.files import RandomName
from portal.models import Unit
from portal.tracking import TrackedItem, TrackedStatus

from ..cases.querysets import AnswerTemplateQuerySet, CaseQuerySet

__all__ = ["AnswerTemplate", "Case", "CaseCategory", "CaseEntry", "CaseKind", "CaseNameRead",
           "CaseSource", "CaseStage", "CaseUrgency", "STATUS_OF"]


class CaseCategory(models.TextChoices):
    PAY = "pay", _("Pay and income")
    WORKLOAD = "workload", _("Workload")
    CONDITIONS = "conditions", _("Working conditions")
    FACILITIES = "facilities", _("Facilities")
    TEACHING = "teaching", _("Training and teaching")
    POLICY = "policy", _("Policy")
    CONDUCT = "conduct", _("Conduct")
    OTHER = "other", _("Other")


class CaseKind(models.TextChoices):
    PETITION = "petition", _("Petition")
    FEEDBACK = "feedback", _("Feedback")
    COMPLAINT = "complaint", _("Complaint")


class CaseUrgency(models.TextChoices):
    NORMAL = "normal", pgettext_lazy("case urgency", "Normal")
    SOON = "soon", pgettext_lazy("case urgency", "Needs attention soon")
    URGENT = "urgent", pgettext_lazy("case urgency", "Urgent")


class CaseSource(models.TextChoices):
    DIALOGUE = "dialogue", _("Dialogue session")
    OPINION_REPORT = "opinion_report", _("Opinion report")
    SURVEY = "survey", _("Survey answer")
    MEMBER = "member", _("Raised by a member")
    BOX = "box", _("Suggestion box")
    EMAIL = "email", pgettext_lazy("case source", "Email")
    BULLETIN = "bulletin", _("Question on a bulletin")


class CaseStage(models.TextChoices):
    RECEIVED = "received", _("Waiting for intake")
    VERIFYING = "verifying", _("Being verified")
    ACCEPTED = "accepted", pgettext_lazy("case stage", "Accepted")
    FORWARDED = "forwarded", _("Forwarded to the competent body")
    IN_PROGRESS = "in_progress", pgettext_lazy("case stage", "In progress")
    NOT_FOR_UNION = "not_for_union", _("Not for the union")
    RESOLVED = "resolved", pgettext_lazy("case stage", "Resolved")
    DECLINED = "declined", pgettext_lazy("case stage", "Declined")
    CLOSED = "closed", pgettext_lazy("case stage", "Closed")


# The tracked status each stage counts as in the shared reads (open, overdue, done).
STATUS_OF: dict[str, str] = {
    CaseStage.RECEIVED: TrackedStatus.NOT_STARTED,
    CaseStage.VERIFYING: TrackedStatus.IN_PROGRESS,
    CaseStage.ACCEPTED: TrackedStatus.IN_PROGRESS,
    CaseStage.FORWARDED: TrackedStatus.IN_PROGRESS,
    CaseStage.IN_PROGRESS: TrackedStatus.IN_PROGRESS,
    CaseStage.NOT_FOR_UNION: TrackedStatus.DONE,
    CaseStage.RESOLVED: TrackedStatus.DONE,
    CaseStage.DECLINED: TrackedStatus.DONE,
    CaseStage.CLOSED: TrackedStatus.DONE,
}
ANSWERED = (CaseStage.NOT_FOR_UNION, CaseStage.RESOLVED, CaseStage.DECLINED)


class Case(TrackedItem):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField(pgettext_lazy("case", "title"), max_length=200)
    description = models.TextField(pgettext_lazy("case", "description"), max_length=5000)
    category = models.CharField(pgettext_lazy("case", "category"), max_length=12,
                                choices=CaseCategory.choices, default=CaseCategory.OTHER)
    kind = models.CharField(pgettext_lazy("case", "kind"), max_length=10,
                            choices=CaseKind.choices, default=CaseKind.FEEDBACK)
    urgency = models.CharField(pgettext_lazy("case", "urgency"), max_length=8,
                               choices=CaseUrgency.choices, default=CaseUrgency.NORMAL)
    source = models.CharField(pgettext_lazy("case", "source"), max_length=16,
                              choices=CaseSource.choices)
    stage = models.CharField(pgettext_lazy("case", "stage"), max_length=14,
                             choices=CaseStage.choices, default=CaseStage.RECEIVED)
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("raised by"),
                                  null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    anonymous = models.BooleanField(_("anonymous"), default=False)
    receipt_hash = models.CharField(max_length=64, null=True, blank=True, unique=True,
                                    editable=False)
    attachment = models.FileField(_("attached file"), upload_to=RandomName("cases"),
                                  blank=True, max_length=200)
    # Where it came from: links down to other apps, never a person.
    opinion_report = models.OneToOneField(
        "collaborators.OpinionReport", verbose_name=_("opinion report"), null=True,
        blank=True, on_delete=models.SET_NULL, related_name="case")
    survey = models.ForeignKey("surveys.Survey", verbose_name=_("survey"), null=True,
                               blank=True, on_delete=models.SET_NULL, related_name="+")
    survey_question = models.ForeignKey("surveys.Question", verbose_name=_("survey question"),
                                        null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+")
    # Several cases on one matter: each points at the lead case, answered together.
    linked_to = models.ForeignKey("self", verbose_name=_("same matter as"), null=True,
                                  blank=True, on_delete=models.SET_NULL,
                                  related_name="linked_cases")
    received_on = models.DateField(_("received on"), default=timezone.localdate)
    intake_due_on = models.DateField(_("intake due on"))
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    verify_until = models.DateField(_("verification until"), null=True, blank=True)
    not_for_union_reason = models.TextField(_("why it is not for the union"), blank=True)
    refer_to = models.CharField(_("where to turn"), max_length=300, blank=True)
    forwarded_to = models.CharField(_("forwarded to"), max_length=300, blank=True)
    forwarded_on = models.DateField(_("forwarded on"), null=True, blank=True)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    answer = models.TextField(_("answer"), max_length=5000, blank=True)
    decline_reason = models.TextField(_("why it is declined"), max_length=3000, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answer_days = models.PositiveSmallIntegerField(_("working days to answer"), null=True,
                                                   blank=True)
    answered_in_time = models.BooleanField(_("answered in time"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    reopened = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    escalated_on = models.DateField(_("escalated to the committee on"), null=True, blank=True)

    # The history is TrackedItem's; an anonymous case's creation skips it (see above).
    objects = CaseQuerySet.as_manager()  # type: ignore[misc]

    class Meta(TrackedItem.Meta):
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["due_on", "received_on"]
        indexes = [models.Index(fields=["unit", "status", "due_on"], name="case_unit_due_idx"),
                   models.Index(fields=["stage", "due_on"], name="case_stage_due_idx"),
                   models.Index(fields=["raised_by"], name="case_raised_by_idx")]
        constraints = [
            *TrackedItem.Meta.constraints,
            models.CheckConstraint(condition=Q(anonymous=False) | Q(raised_by__isnull=True),
                                   name="case_anonymous_has_no_person"),
            models.CheckConstraint(
                condition=~Q(stage__in=[s.value for s in ANSWERED])
                | Q(answered_on__isnull=False),
                name="case_answered_has_a_day"),
            models.CheckConstraint(
                condition=~Q(stage="forwarded") | ~Q(forwarded_to=""),
                name="case_forwarded_says_where"),
            models.CheckConstraint(condition=~Q(linked_to=models.F("id")),
                                   name="case_not_linked_to_itself"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dialogue:case_detail", args=[self.pk])

    @property
    def short_ref(self) -> str:
        """A reference to quote on the phone: the first characters of the random key."""
        return self.pk.hex[:8].upper()


class CaseEntry(models.Model):
    """One line of a case's timeline: a change of stage, an internal note, a public answer.
    Internal notes (`public=False`) are never shown to the member who raised it."""

    class Kind(models.TextChoices):
        CHANGE = "change", _("Change")
        NOTE = "note", _("Internal note")
        ANSWER = "answer", _("Public answer")
        MESSAGE = "message", _("Message from the member")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(pgettext_lazy("case entry", "kind"), max_length=8,
                            choices=Kind.choices)
    stage = models.CharField(pgettext_lazy("case", "stage"), max_length=14,
                             choices=CaseStage.choices, blank=True)
    body = models.TextField(pgettext_lazy("case entry", "text"), max_length=5000, blank=True)
    public = models.BooleanField(_("shown to the member"), default=False)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ["at", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(kind="note") | Q(public=False),
                                              name="case_note_never_public")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.at:%d/%m/%Y}"


class CaseNameRead(models.Model):
    """Someone was shown the name of the person who raised a case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="name_reads")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("read of a raiser's name")
        verbose_name_plural = _("reads of raisers' names")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.by} · {self.at:%d/%m/%Y %H:%M}"


class AnswerTemplate(models.Model):
    """Wording an officer can start an answer from; a unit's templates serve the units
    below it too."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="+")
    title = models.CharField(pgettext_lazy("answer template", "title"), max_length=200)
    category = models.CharField(pgettext_lazy("case", "category"), max_length=12,
                                choices=CaseCategory.choices, blank=True)
    body = models.TextField(pgettext_lazy("answer template", "text"), max_length=5000)
    history = HistoricalRecords()

    objects = AnswerTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer template")
        verbose_name_plural = _("answer templates")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title
