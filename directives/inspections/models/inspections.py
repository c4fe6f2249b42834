"""Inspection programmes, inspections, their checklist scores and recommendations."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from directives.areas import DispatchArea
from portal.files import RandomName
from portal.tracking import TrackedItem

from ..querysets import (
    InspectionProgrammeQuerySet,
    InspectionQuerySet,
    InspectionScoreQuerySet,
    RecommendationQuerySet,
)


class Rating(models.TextChoices):
    """The four grades an inspection or a review gives a unit, best first."""

    GOOD = "good", pgettext_lazy("rating", "Good")
    FAIR = "fair", pgettext_lazy("rating", "Fair")
    AVERAGE = "average", pgettext_lazy("rating", "Average")
    WEAK = "weak", pgettext_lazy("rating", "Weak")


class InspectionProgramme(models.Model):
    """One unit's inspections for one year: the committee's at the top, a grassroots union's
    of its departmental unions below."""

    unit = models.ForeignKey("portal.Unit", verbose_name=_("inspecting unit"),
                             on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    title = models.CharField(pgettext_lazy("programme", "title"), max_length=200)
    note = models.TextField(pgettext_lazy("programme", "purpose and focus"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = InspectionProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection programme")
        verbose_name_plural = _("inspection programmes")
        ordering = ["-year", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"], name="inspection_programme_one_a_year",
                violation_error_message=_("This unit already has a programme for this "
                                          "year.")),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("inspections:programme", args=[self.pk])


class Inspection(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("inspection", "Planned")
        NOTIFIED = "notified", pgettext_lazy("inspection", "Notified")
        SELF_REPORTED = "self_reported", pgettext_lazy("inspection", "Self-reported")
        VERIFIED = "verified", pgettext_lazy("inspection", "Verified")
        CONCLUDED = "concluded", pgettext_lazy("inspection", "Concluded")
        CLOSED = "closed", pgettext_lazy("inspection", "Closed")

    programme = models.ForeignKey(InspectionProgramme, verbose_name=_("programme"),
                                  on_delete=models.PROTECT, related_name="inspections")
    unit = models.ForeignKey("portal.Unit", verbose_name=_("inspected unit"),
                             on_delete=models.PROTECT, related_name="+")
    purpose = models.TextField(pgettext_lazy("inspection", "purpose"))
    content = models.TextField(pgettext_lazy("inspection", "content"))
    tasks = models.ManyToManyField("directives.DirectiveTask", verbose_name=_(
        "directive tasks inspected"), blank=True, related_name="inspections")
    starts_on = models.DateField(pgettext_lazy("inspection", "from"))
    ends_on = models.DateField(pgettext_lazy("inspection", "to"))
    head = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("head of the team"),
                             on_delete=models.PROTECT, related_name="+")
    team = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("team members"),
                                  blank=True, related_name="+")
    status = models.CharField(_("status"), max_length=15, choices=Status.choices,
                              default=Status.PLANNED)
    notice_sent_on = models.DateField(_("notice sent on"), null=True, blank=True)
    notice = models.TextField(_("notice to the unit"), blank=True)
    self_report = models.TextField(_("self-report"), blank=True)
    self_report_file = models.FileField(_("self-report file"),
                                        upload_to=RandomName("inspections"), blank=True,
                                        max_length=200)
    self_reported_at = models.DateTimeField(_("self-reported at"), null=True, blank=True)
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    verification = models.TextField(_("verification record"), blank=True)
    verification_file = models.FileField(_("signed verification minutes"),
                                         upload_to=RandomName("inspections"), blank=True,
                                         max_length=200)
    rating = models.CharField(pgettext_lazy("inspection", "rating"), max_length=10,
                              choices=Rating.choices, blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    reinspection_of = models.ForeignKey("self", verbose_name=_("re-inspection of"),
                                        null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="reinspections")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["unit", "status"], name="insp_unit_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="inspection_ends_after_start",
                violation_error_message=_("The inspection cannot end before it starts.")),
            models.CheckConstraint(
                condition=Q(rating="") | ~Q(conclusion=""),
                name="inspection_rating_has_a_conclusion",
                violation_error_message=_("Write the conclusion before giving a rating.")),
            models.CheckConstraint(
                condition=Q(status="planned") | Q(notice_sent_on__isnull=False),
                name="inspection_notified_has_a_date"),
            models.CheckConstraint(
                condition=~Q(status__in=["concluded", "closed"])
                | (Q(concluded_on__isnull=False) & ~Q(rating="")),
                name="inspection_concluded_has_a_rating"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} ({self.starts_on:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("inspections:detail", args=[self.pk])

    @property
    def organiser(self):
        return self.programme.unit

    @property
    def is_concluded(self) -> bool:
        return self.status in (self.Status.CONCLUDED, self.Status.CLOSED)


class Criterion(models.Model):
    """One line of the checklist a unit reports against and the team scores. Data kept in
    the admin; an inspection copies the active lines (and their maximum) when planned."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    text = models.CharField(pgettext_lazy("criterion", "criterion"), max_length=300)
    area = models.CharField(_("area of work"), max_length=20, choices=DispatchArea.choices)
    max_score = models.PositiveSmallIntegerField(
        _("maximum score"), validators=[MinValueValidator(1), MaxValueValidator(100)])
    is_active = models.BooleanField(_("in use"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inspection criterion")
        verbose_name_plural = _("inspection criteria")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(condition=Q(max_score__gte=1),
                                   name="inspection_criterion_max_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class InspectionScore(models.Model):
    """One criterion of one inspection: the unit's own score and note, the team's score and
    the evidence it saw. Both scores lie between 0 and the maximum copied at planning."""

    inspection = models.ForeignKey(Inspection, verbose_name=_("inspection"),
                                   on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, verbose_name=pgettext_lazy("criterion",
                                                                        "criterion"),
                                  on_delete=models.PROTECT, related_name="+")
    max_score = models.PositiveSmallIntegerField(_("maximum score"))
    self_score = models.DecimalField(_("self-assessed score"), max_digits=4, decimal_places=1,
                                     null=True, blank=True)
    self_note = models.TextField(_("the unit's note"), blank=True)
    score = models.DecimalField(pgettext_lazy("inspection", "score"), max_digits=4,
                                decimal_places=1, null=True, blank=True)
    evidence = models.TextField(_("evidence seen"), blank=True)
    history = HistoricalRecords()

    objects = InspectionScoreQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection score")
        verbose_name_plural = _("inspection scores")
        ordering = ["criterion__number"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "criterion"],
                                    name="inspection_score_one_per_criterion"),
            models.CheckConstraint(
                condition=Q(score__isnull=True)
                | Q(score__gte=0, score__lte=F("max_score")),
                name="inspection_score_in_range",
                violation_error_message=_("A score lies between 0 and the criterion's "
                                          "maximum.")),
            models.CheckConstraint(
                condition=Q(self_score__isnull=True)
                | Q(self_score__gte=0, self_score__lte=F("max_score")),
                name="inspection_self_score_in_range",
                violation_error_message=_("A score lies between 0 and the criterion's "
                                          "maximum.")),
        ]

    def __str__(self) -> str:
        return f"{self.inspection} — {self.criterion}"


class Recommendation(TrackedItem):
    """A finding the inspected unit must act on by a deadline, with a person in charge. The
    unit answers (status done, with what was done and evidence); the team accepts the
    answer or returns it with a reason (the item is open again)."""

    class Review(models.TextChoices):
        WAITING = "waiting", pgettext_lazy("recommendation", "Waiting for an answer")
        ANSWERED = "answered", pgettext_lazy("recommendation", "Answered, to review")
        ACCEPTED = "accepted", pgettext_lazy("recommendation", "Accepted")
        RETURNED = "returned", pgettext_lazy("recommendation", "Returned")

    inspection = models.ForeignKey(Inspection, verbose_name=_("inspection"),
                                   on_delete=models.PROTECT, related_name="recommendations")
    text = models.TextField(pgettext_lazy("recommendation", "recommendation"))
    review = models.CharField(_("review of the answer"), max_length=10,
                              choices=Review.choices, default=Review.WAITING)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    return_reason = models.TextField(_("reason for returning"), blank=True)

    objects = RecommendationQuerySet.as_manager()  # type: ignore[misc]

    class Meta(TrackedItem.Meta):
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["unit", "status", "due_on"],
                                name="insp_rec_unit_status_due")]
        constraints = [
            *TrackedItem.Meta.constraints,
            models.CheckConstraint(condition=Q(owner__isnull=False),
                                   name="inspection_recommendation_has_owner",
                                   violation_error_message=_(
                                       "Choose the person in charge.")),
            models.CheckConstraint(condition=~Q(review="accepted") | Q(status="done"),
                                   name="inspection_recommendation_accepted_is_done"),
            models.CheckConstraint(condition=~Q(review="returned") | ~Q(return_reason=""),
                                   name="inspection_recommendation_returned_why"),
        ]

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 80 else self.text[:79] + "…"
        return text

    def get_absolute_url(self) -> str:
        return reverse("inspections:recommendation", args=[self.pk])
