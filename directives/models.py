"""Directives (văn bản chỉ đạo) and what each unit does about them.

Directive: the document (number and symbol, date, issuer, subject line, body, attached
PDF), issued by a unit (the committee at the root, or an officer for their subtree), draft
until it is published. DirectiveTask: one numbered task, the dispatch area it serves, a due
date (once) or a rhythm (monthly, quarterly, yearly), and the unit whose subtree must carry
it out. TaskProgress: one grassroots union's progress on one task in one period, on the
tracked-item base (status, note, evidence, history); publishing creates the rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from portal.files import RandomName
from portal.tracking import TrackedItem

from .areas import DispatchArea
from .querysets import DirectiveQuerySet, DirectiveTaskQuerySet, TaskProgressQuerySet


class Directive(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("directive", "Draft")
        PUBLISHED = "published", pgettext_lazy("directive", "Published")

    unit = models.ForeignKey("portal.Unit", verbose_name=_("issuing unit"),
                             on_delete=models.PROTECT, related_name="directives")
    number = models.CharField(_("number and symbol"), max_length=50,
                              help_text=_("For example 360/CĐ-ĐHQG."))
    issued_on = models.DateField(_("date of the directive"))
    issuer = models.CharField(_("issued by"), max_length=200)
    subject = models.CharField(_("subject line"), max_length=300)
    body = models.TextField(_("body"), blank=True)
    attachment = models.FileField(_("attached PDF"), upload_to=RandomName("directives"),
                                  blank=True, max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = DirectiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("directive")
        verbose_name_plural = _("directives")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "number"], name="directive_number_unique",
                violation_error_message=_("This unit already has a directive with this "
                                          "number and symbol.")),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="directive_published_has_a_time"),
        ]

    def __str__(self) -> str:
        return f"{self.number}: {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("directives:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class DirectiveTask(models.Model):
    class Rhythm(models.TextChoices):
        ONCE = "once", _("Once, by a due date")
        MONTHLY = "monthly", _("Every month")
        QUARTERLY = "quarterly", _("Every quarter")
        YEARLY = "yearly", _("Every year")

    directive = models.ForeignKey(Directive, verbose_name=_("directive"),
                                  on_delete=models.CASCADE, related_name="tasks")
    number = models.PositiveSmallIntegerField(_("task number"))
    title = models.CharField(_("task"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    area = models.CharField(_("area of work"), max_length=20, choices=DispatchArea.choices)
    rhythm = models.CharField(_("rhythm"), max_length=10, choices=Rhythm.choices,
                              default=Rhythm.ONCE)
    due_on = models.DateField(_("due date"), null=True, blank=True,
                              help_text=_("For a task done once; a recurring task is due "
                                          "at the end of each period."))
    target_unit = models.ForeignKey(
        "portal.Unit", verbose_name=_("carried out by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
        help_text=_("Every grassroots union under this unit carries out the task."))
    history = HistoricalRecords()

    objects = DirectiveTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("directive task")
        verbose_name_plural = _("directive tasks")
        ordering = ["directive", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["directive", "number"], name="directive_task_number_unique",
                violation_error_message=_("The directive already has a task with this "
                                          "number.")),
            models.CheckConstraint(
                condition=(Q(rhythm="once", due_on__isnull=False)
                           | (~Q(rhythm="once") & Q(due_on__isnull=True))),
                name="directive_task_due_date_or_rhythm",
                violation_error_message=_("Give a due date for a task done once, and none "
                                          "for a recurring task.")),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def is_recurring(self) -> bool:
        return self.rhythm != self.Rhythm.ONCE


class TaskProgress(TrackedItem):
    """One grassroots union's progress on one task; for a recurring task, one row per
    period, starting on `period_start` (the directive's date for a task done once)."""

    task = models.ForeignKey(DirectiveTask, verbose_name=_("task"), on_delete=models.CASCADE,
                             related_name="progress")
    period_start = models.DateField(_("period from"))

    objects = TaskProgressQuerySet.as_manager()  # type: ignore[misc]

    class Meta(TrackedItem.Meta):
        verbose_name = _("task progress")
        verbose_name_plural = _("task progress")
        ordering = ["task__number", "unit__path", "period_start"]
        indexes = [models.Index(fields=["unit", "status", "due_on"],
                                name="dir_progress_unit_status_due")]
        constraints = [
            *TrackedItem.Meta.constraints,
            models.UniqueConstraint(fields=["task", "unit", "period_start"],
                                    name="directive_progress_one_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.task} — {self.unit}"

    def get_absolute_url(self) -> str:
        return reverse("directives:progress", args=[self.pk])
