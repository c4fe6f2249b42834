"""The grassroots unions' periodic opinion reports to the university (báo cáo định kỳ tình
hình dư luận xã hội của công đoàn cơ sở), and the quick reports sent when an issue flares up.

A unit's officer drafts one, writes what no query can (the mood of staff, each salient
issue, a forecast, recommendations), and submits it: from then on it is numbered in the
unit's yearly sequence, its PDF and Word files are made, and nobody edits it. The committee
acknowledges it with a comment. One periodic report per unit and month."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.permissions import ScopedQuerySet


def due_day() -> int:
    """The day of the following month a unit's monthly report is due (UNIT_REPORT_DUE_DAY)."""
    return min(max(int(getattr(settings, "UNIT_REPORT_DUE_DAY", 5)), 1), 28)


def due_on(month: date) -> date:
    """When the monthly report of `month` (its first day) is due: a day of the next month."""
    year, number = (month.year + 1, 1) if month.month == 12 else (month.year, month.month + 1)
    return date(year, number, due_day())


class UnitReportQuerySet(ScopedQuerySet):
    unit_lookup = "unit"

    def periodic(self) -> UnitReportQuerySet:
        return self.filter(kind=UnitReport.Kind.PERIODIC)

    def sent(self) -> UnitReportQuerySet:
        return self.exclude(status=UnitReport.Status.DRAFT)


class UnitReport(models.Model):
    class Kind(models.TextChoices):
        PERIODIC = "periodic", _("Monthly report")
        QUICK = "quick", _("Quick report")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")

    class Mood(models.TextChoices):
        STABLE = "stable", _("Stable, confident")
        MOSTLY_STABLE = "mostly_stable", _("Mostly stable, some concerns")
        WORRIED = "worried", _("Worried, many concerns")
        TENSE = "tense", _("Tense, pressing discontent")

    unit = models.ForeignKey("portal.Unit", verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices,
                            default=Kind.PERIODIC)
    month = models.DateField(_("month"), help_text=_("The first day of the month reported on."))
    due_on = models.DateField(_("due on"))
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=15, choices=Status.choices,
                              default=Status.DRAFT)
    mood = models.CharField(_("overall mood of staff"), max_length=15, choices=Mood.choices,
                            blank=True)
    mood_note = models.TextField(_("the mood in the officer's words"), blank=True)
    situation = models.TextField(_("situation"), blank=True)
    forecast = models.TextField(_("forecast"), blank=True)
    recommendations = models.TextField(_("recommendations to the committee"), blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    symbol = models.CharField(_("symbol"), max_length=40, blank=True)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("acknowledged by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")
    acknowledgement = models.TextField(_("committee's comment"), blank=True)
    pdf = models.FileField(_("PDF file"), upload_to="reports/units/", blank=True)
    docx = models.FileField(_("Word file"), upload_to="reports/units/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("drafted by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = UnitReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit opinion report")
        verbose_name_plural = _("unit opinion reports")
        ordering = ["-month", "unit__path", "-pk"]
        indexes = [models.Index(fields=["month", "kind"], name="unit_report_month_kind")]
        constraints = [
            models.UniqueConstraint(fields=["unit", "month"], condition=Q(kind="periodic"),
                                    name="unit_report_one_per_unit_month"),
            models.UniqueConstraint(fields=["year", "symbol", "number"],
                                    name="unit_report_number_unique_per_year"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(number__isnull=False, submitted_at__isnull=False),
                name="unit_report_sent_is_numbered"),
            models.CheckConstraint(
                condition=~Q(status="acknowledged") | Q(acknowledged_at__isnull=False),
                name="unit_report_acknowledged_has_date"),
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.QUICK:
            return f"{self.get_kind_display()}: {self.subject} — {self.unit}"
        return f"{self.get_kind_display()} {self.month_label} — {self.unit}"

    def get_absolute_url(self) -> str:
        return reverse("reports:unit_report_detail", args=[self.pk])

    @property
    def month_label(self) -> str:
        return f"{self.month:%m/%Y}"

    @property
    def number_label(self) -> str:
        return f"{self.number:02d}/{self.symbol}" if self.number else "…"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def late(self) -> bool:
        """Sent after its due day (a quick report is never late)."""
        if self.kind == self.Kind.QUICK or self.submitted_at is None:
            return False
        from django.utils import timezone

        return timezone.localdate(self.submitted_at) > self.due_on

    @property
    def download_name(self) -> str:
        from django.utils.text import slugify

        from portal.text import fold

        code = slugify(fold(self.unit.code))
        if self.kind == self.Kind.QUICK:
            return f"bao-cao-nhanh-{code}-{self.number or self.pk}-{self.month.year}"
        return f"bao-cao-du-luan-{code}-thang-{self.month.month:02d}-{self.month.year}"


class UnitReportIssue(models.Model):
    """A salient issue among staff, in the officer's assessment."""

    class Direction(models.TextChoices):
        APPROVING = "approving", _("Approving")
        OPPOSING = "opposing", _("Opposing")
        HESITANT = "hesitant", _("Hesitant, divided")

    class Intensity(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    class Spread(models.TextChoices):
        FEW = "few", _("A few people")
        GROUP = "group", _("One group or department")
        UNIT = "unit", _("Across the unit")
        BEYOND = "beyond", _("Beyond the unit, on social media")

    report = models.ForeignKey(UnitReport, verbose_name=_("report"), on_delete=models.CASCADE,
                               related_name="issues")
    position = models.PositiveSmallIntegerField(default=0)
    topic = models.CharField(_("topic"), max_length=200)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    intensity = models.CharField(_("intensity"), max_length=10, choices=Intensity.choices)
    spread = models.CharField(_("spread"), max_length=10, choices=Spread.choices)
    handling = models.TextField(_("what is being done"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("salient issue")
        verbose_name_plural = _("salient issues")
        ordering = ["report", "position", "pk"]

    def __str__(self) -> str:
        return self.topic
