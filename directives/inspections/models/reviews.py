"""Six-monthly (sơ kết) and yearly (tổng kết) reviews of how units carry out a directive."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from portal.tracking import inside_portal

from ..querysets import ReviewPartQuerySet, ReviewQuerySet
from .inspections import Rating


class Review(models.Model):
    class Kind(models.TextChoices):
        SIX_MONTH = "six_month", pgettext_lazy("review", "Six-month review")
        ANNUAL = "annual", pgettext_lazy("review", "Annual review")

    directive = models.ForeignKey("directives.Directive", verbose_name=_("directive"),
                                  on_delete=models.PROTECT, related_name="reviews")
    unit = models.ForeignKey("portal.Unit", verbose_name=_("organising unit"),
                             on_delete=models.PROTECT, related_name="+",
                             help_text=_("Every unit one level below it assesses itself."))
    kind = models.CharField(pgettext_lazy("review", "kind"), max_length=10,
                            choices=Kind.choices)
    title = models.CharField(pgettext_lazy("review", "title"), max_length=200)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    due_on = models.DateField(_("self-assessments due on"))
    note = models.TextField(pgettext_lazy("review", "guidance"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-period_end", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["directive", "unit", "kind", "period_start"],
                name="inspection_review_one_per_period",
                violation_error_message=_("This review already exists for this period.")),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="inspection_review_period_in_order",
                violation_error_message=_("The period cannot end before it starts.")),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("inspections:review", args=[self.pk])


class ReviewAssessment(models.Model):
    """A unit's own assessment of one task of the directive in the review's period."""

    class Result(models.TextChoices):
        DONE_WELL = "done_well", _("Done well")
        DONE = "done", pgettext_lazy("assessment", "Done")
        NOT_DONE = "not_done", _("Not done")

    review = models.ForeignKey(Review, verbose_name=_("review"), on_delete=models.CASCADE,
                               related_name="assessments")
    unit = models.ForeignKey("portal.Unit", verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="+")
    task = models.ForeignKey("directives.DirectiveTask", verbose_name=_("task"),
                             on_delete=models.PROTECT, related_name="+")
    result = models.CharField(pgettext_lazy("assessment", "result"), max_length=10,
                              choices=Result.choices)
    evidence_note = models.TextField(_("evidence"), blank=True)
    evidence_link = models.CharField(_("link to a record in the portal"), max_length=300,
                                     blank=True, validators=[inside_portal])
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assessed by"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = ReviewPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["unit__path", "task__number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "unit", "task"],
                                    name="inspection_assessment_one_per_task"),
            models.CheckConstraint(condition=Q(evidence_link="")
                                   | Q(evidence_link__startswith="/"),
                                   name="inspection_assessment_link_inside"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.task}"


class ReviewRating(models.Model):
    """The organiser's rating of one unit in a review, and its proposals for commendation."""

    review = models.ForeignKey(Review, verbose_name=_("review"), on_delete=models.CASCADE,
                               related_name="ratings")
    unit = models.ForeignKey("portal.Unit", verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="+")
    rating = models.CharField(pgettext_lazy("review", "rating"), max_length=10,
                              choices=Rating.choices)
    comment = models.TextField(pgettext_lazy("review", "comment"), blank=True)
    commend_unit = models.BooleanField(_("propose the unit for commendation"), default=False)
    commend_person = models.CharField(_("person proposed for commendation"), max_length=150,
                                      blank=True)
    commend_reason = models.TextField(_("reason for the commendation"), blank=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("rated by"),
                                 null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = ReviewPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("review rating")
        verbose_name_plural = _("review ratings")
        ordering = ["unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["review", "unit"],
                                    name="inspection_rating_one_per_unit"),
            models.CheckConstraint(
                condition=(Q(commend_unit=False) & Q(commend_person=""))
                | ~Q(commend_reason=""),
                name="inspection_rating_commendation_why",
                violation_error_message=_("Say why the unit or the person is proposed for "
                                          "commendation.")),
        ]

    def __str__(self) -> str:
        return f"{self.review} — {self.unit}"
