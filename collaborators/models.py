"""The opinion network of each unit (dispatch task 2) and what it hears (task 1).

Collaborator: a person in a unit's network, with appointment decision and status.
Training, Attendance: who was trained when. OpinionReport (+ comments): what a
collaborator heard, reviewed by the unit officer. ImportBatch: an uploaded roster sheet
between its preview and its confirmation.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from portal.ages import BIRTH_YEAR_MAX, BIRTH_YEAR_MESSAGE, BIRTH_YEAR_MIN
from portal.models import Unit, User
from portal.text import fold

from .querysets import (
    AttendanceQuerySet,
    CollaboratorQuerySet,
    ImportBatchQuerySet,
    OpinionReportQuerySet,
    TrainingQuerySet,
)


def decision_upload_to(instance: Collaborator, filename: str) -> str:
    """A random name: the stored path says nothing about the person, and cannot be guessed."""
    suffix = PurePath(filename).suffix.lower()
    return f"collaborators/decisions/{timezone.now():%Y}/{uuid.uuid4().hex}{suffix}"


def import_upload_to(instance: ImportBatch, filename: str) -> str:
    return f"collaborators/imports/{uuid.uuid4().hex}.xlsx"


class Collaborator(models.Model):
    class NetworkRole(models.TextChoices):
        OFFICER = "officer", _("Opinion officer")
        COLLABORATOR = "collaborator", _("Opinion collaborator")
        REPORTER = "reporter", _("Reporter")
        PROPAGANDIST = "propagandist", _("Propagandist")

    class Group(models.TextChoices):
        LEADER = "leader", _("Leader or manager")
        LECTURER = "lecturer", _("Lecturer")
        RESEARCHER = "researcher", _("Researcher")
        ADMINISTRATIVE = "administrative", _("Administrative staff")
        WORKER = "worker", _("Worker")
        YOUNG = "young", _("Young staff")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("collaborator status", "Active")
        PAUSED = "paused", pgettext_lazy("collaborator status", "Paused")
        ENDED = "ended", pgettext_lazy("collaborator status", "Ended")

    Gender = User.Gender

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="collaborators")
    full_name = models.CharField(_("full name"), max_length=150)
    network_role = models.CharField(_("role in the network"), max_length=20,
                                    choices=NetworkRole.choices, default=NetworkRole.COLLABORATOR)
    gender = models.CharField(_("gender"), max_length=10, choices=User.Gender.choices,
                              blank=True)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), null=True, blank=True,
        validators=[MinValueValidator(BIRTH_YEAR_MIN, BIRTH_YEAR_MESSAGE),
                    MaxValueValidator(BIRTH_YEAR_MAX, BIRTH_YEAR_MESSAGE)])
    position = models.CharField(_("position"), max_length=150, blank=True)
    group = models.CharField(_("composition group"), max_length=20, choices=Group.choices,
                             default=Group.OTHER)
    phone = models.CharField(_("phone"), max_length=11, blank=True,
                             help_text=_("Digits only, starting with 0."))
    email = models.EmailField(_("email address"), blank=True)
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("portal account"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="collaborator_profile",
    )
    decision_number = models.CharField(_("appointment decision number"), max_length=50,
                                       blank=True)
    decision_date = models.DateField(_("appointment decision date"), null=True, blank=True)
    decision_file = models.FileField(_("scanned decision"), upload_to=decision_upload_to,
                                     max_length=200, blank=True)
    joined_on = models.DateField(_("in the network since"), default=timezone.localdate)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.ACTIVE)
    status_since = models.DateField(_("status since"), default=timezone.localdate)
    end_reason = models.CharField(_("reason for ending"), max_length=255, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # Derived from the fields above on every save (and by the bulk import): diacritic-free
    # search, and the Vietnamese sort order (given name, then family and middle names) as two
    # columns so that no database collation can reorder "An Nguyen" after "Anh Le".
    search_text = models.CharField(max_length=400, editable=False, default="")
    sort_given = models.CharField(max_length=50, editable=False, default="")
    sort_rest = models.CharField(max_length=150, editable=False, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(
        excluded_fields=["search_text", "sort_given", "sort_rest", "updated_at"])

    objects = CollaboratorQuerySet.as_manager()

    class Meta:
        verbose_name = _("collaborator")
        verbose_name_plural = _("collaborators")
        ordering = ["sort_given", "sort_rest", "full_name", "pk"]
        indexes = [
            models.Index(fields=["sort_given", "sort_rest"], name="collab_sort_idx"),
            models.Index(fields=["unit", "status"], name="collab_unit_status_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=~models.Q(email=""), name="collaborator_email_unique",
                violation_error_message=_("Another collaborator already has this email."),
            ),
            models.UniqueConstraint(
                fields=["phone"], condition=~models.Q(phone=""), name="collaborator_phone_unique",
                violation_error_message=_("Another collaborator already has this phone number."),
            ),
            models.CheckConstraint(
                condition=models.Q(birth_year__isnull=True)
                | models.Q(birth_year__gte=BIRTH_YEAR_MIN, birth_year__lte=BIRTH_YEAR_MAX),
                name="collaborator_birth_year_plausible",
                violation_error_message=BIRTH_YEAR_MESSAGE,
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("collaborators:detail", args=[self.pk])

    def refresh_derived(self) -> None:
        words = self.full_name.split()
        self.sort_given = fold(words[-1] if words else "")[:50]
        self.sort_rest = fold(" ".join(words[:-1]))[:150]
        self.search_text = fold(" ".join([self.full_name, self.email, self.phone,
                                          self.position]))[:400]

    def save(self, *args, **kwargs) -> None:
        self.refresh_derived()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text", "sort_given", "sort_rest"}
        super().save(*args, **kwargs)


class Training(models.Model):
    # Words such as "title" or "place" mean other things in other apps: each label of the
    # training has its context, so that its Vietnamese never spills into, say, a survey.
    title = models.CharField(pgettext_lazy("training", "title"), max_length=200)
    held_on = models.DateField(pgettext_lazy("training", "date"))
    organiser = models.ForeignKey(Unit, verbose_name=pgettext_lazy("training", "organiser"),
                                  on_delete=models.PROTECT,
                                  related_name="trainings")
    hours = models.DecimalField(pgettext_lazy("training", "hours"), max_digits=4, decimal_places=1,
                                validators=[
                                    MinValueValidator(Decimal("0.5"), _(
                                        "A training lasts at least half an hour.")),
                                    MaxValueValidator(200, _(
                                        "At most 200 hours; split longer courses."))])
    place = models.CharField(pgettext_lazy("training", "place"), max_length=200, blank=True)
    content = models.TextField(pgettext_lazy("training", "content"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = TrainingQuerySet.as_manager()

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(hours__gt=0), name="training_hours_positive",
                                   violation_error_message=_("A training lasts some hours.")),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("collaborators:training_detail", args=[self.pk])


class Attendance(models.Model):
    """A collaborator attended a training."""

    training = models.ForeignKey(Training, verbose_name=_("training"), on_delete=models.CASCADE,
                                 related_name="attendances")
    collaborator = models.ForeignKey(Collaborator, verbose_name=_("collaborator"),
                                     on_delete=models.CASCADE, related_name="attendances")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("training", "attendance")
        verbose_name_plural = pgettext_lazy("training", "attendances")
        constraints = [
            models.UniqueConstraint(fields=["training", "collaborator"],
                                    name="attendance_once_per_training"),
        ]

    def __str__(self) -> str:
        return f"{self.collaborator} · {self.training}"


class OpinionReport(models.Model):
    """Phiếu phản ánh dư luận: what a collaborator heard, reviewed by the unit officer."""

    class Topic(models.TextChoices):
        POLICY = "policy", _("Policies and regulations")
        PAY = "pay", _("Pay and income")
        CONDITIONS = "conditions", _("Working conditions")
        TEACHING = "teaching", _("Training and teaching")
        FACILITIES = "facilities", _("Facilities")
        MISINFORMATION = "misinformation", _("Outside information and misinformation")
        OTHER = "other", _("Other")

    class Sentiment(models.TextChoices):
        POSITIVE = "positive", _("Positive")
        NEUTRAL = "neutral", _("Neutral, mixed")
        NEGATIVE = "negative", _("Negative")

    class Spread(models.TextChoices):
        FEW = "few", _("A few people")
        GROUP = "group", _("A group")
        WIDESPREAD = "widespread", _("Widespread")

    class Urgency(models.TextChoices):
        NORMAL = "normal", _("Normal")
        SOON = "soon", _("Needs attention soon")
        URGENT = "urgent", _("Urgent")

    class Status(models.TextChoices):
        NEW = "new", _("Waiting for review")
        REVIEWED = "reviewed", pgettext_lazy("opinion report status", "Reviewed")
        ESCALATED = "escalated", _("Escalated to an issue")

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="opinion_reports")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("filed by"), null=True,
                               blank=True, on_delete=models.SET_NULL,
                               related_name="opinion_reports")
    collaborator = models.ForeignKey(Collaborator, verbose_name=_("collaborator"), null=True,
                                     blank=True, on_delete=models.SET_NULL,
                                     related_name="opinion_reports")
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    summary = models.TextField(_("what people are saying"), max_length=3000)
    sentiment = models.CharField(_("sentiment"), max_length=10, choices=Sentiment.choices)
    spread = models.CharField(_("how widespread"), max_length=12, choices=Spread.choices,
                              default=Spread.FEW)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices,
                               default=Urgency.NORMAL)
    proposal = models.TextField(_("proposal"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.NEW)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    # Escalation to the grievance tracker. The `directives` app (which may import this one,
    # never the reverse) opens the issue and points back here with its own foreign key; it
    # learns of each escalation through collaborators.signals.opinion_report_escalated.
    escalated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("escalated by"),
                                     null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    escalation_note = models.TextField(_("why it is escalated"), blank=True)
    # One key per form shown: a report sent twice (double tap, flaky network) is kept once.
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(_("filed at"), default=timezone.now, db_index=True)
    history = HistoricalRecords(excluded_fields=["submission_key"])

    objects = OpinionReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("opinion report")
        verbose_name_plural = _("opinion reports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["unit", "created_at"], name="opinion_unit_created_idx"),
                   models.Index(fields=["status", "created_at"], name="opinion_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="reviewed") | models.Q(reviewed_at__isnull=False),
                name="opinion_reviewed_has_time"),
            models.CheckConstraint(
                condition=~models.Q(status="escalated") | models.Q(escalated_at__isnull=False),
                name="opinion_escalated_has_time"),
        ]

    def __str__(self) -> str:
        return f"{self.get_topic_display()} · {timezone.localtime(self.created_at):%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("collaborators:report_detail", args=[self.pk])

    @classmethod
    def needs_attention(cls) -> models.Q:
        """Urgent, or heard widely: what the boards and dashboards put first."""
        return models.Q(urgency=cls.Urgency.URGENT) | models.Q(spread=cls.Spread.WIDESPREAD)


class OpinionReportComment(models.Model):
    report = models.ForeignKey(OpinionReport, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    body = models.TextField(pgettext_lazy("opinion report", "comment"), max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = pgettext_lazy("opinion report", "comment")
        verbose_name_plural = pgettext_lazy("opinion report", "comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


class ImportBatch(models.Model):
    """A roster sheet kept (privately) between its preview and the officer's confirmation;
    the file is checked again on confirmation and deleted once applied."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Waiting for confirmation")
        APPLIED = "applied", _("Imported")

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                   related_name="+")
    file = models.FileField(upload_to=import_upload_to, max_length=200, blank=True)
    file_name = models.CharField(_("file"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PREVIEWED)
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    # When only the valid rows were imported: the refused ones, with their reasons, to fix
    # and upload again (deleted with the other sheets after a day).
    rejected_file = models.FileField(upload_to=import_upload_to, max_length=200, blank=True)
    rejected_count = models.PositiveIntegerField(default=0)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("roster import")
        verbose_name_plural = _("roster imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name
