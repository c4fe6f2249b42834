"""The good-practice library (cách làm hay, mô hình hay): a unit writes up what worked, the
committee endorses it for replication, other units record that they adopted it.

The body is stored as written, in the portal's markdown subset; a page shows it through
`portal.markup.render`, which removes script, event handlers, frames, remote images and
`javascript:` links. `search` is a diacritic-free copy of the words (`portal.text.fold`),
filled by the services, so "cach lam hay" finds "cách làm hay"."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from directives.areas import DispatchArea
from portal.files import RandomName
from portal.models import Unit

from .querysets import AdoptionQuerySet, AttachmentQuerySet, PracticeQuerySet


class Tag(models.Model):
    """A short keyword shared by practices ("khảo sát trực tuyến"); `key` is its folded
    form, so one tag is never written twice with other accents or capitals."""

    name = models.CharField(pgettext_lazy("practice", "tag"), max_length=50)
    key = models.CharField(max_length=50, unique=True, editable=False)

    class Meta:
        verbose_name = pgettext_lazy("practice", "tag")
        verbose_name_plural = pgettext_lazy("practice", "tags")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.name


class Practice(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("practice", "Draft")
        PUBLISHED = "published", pgettext_lazy("practice", "Published")

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="practices")
    title = models.CharField(pgettext_lazy("practice", "title"), max_length=200)
    summary = models.TextField(pgettext_lazy("practice", "summary"), max_length=600)
    body = models.TextField(pgettext_lazy("practice", "description"))
    area = models.CharField(pgettext_lazy("practice", "task area"), max_length=20,
                            choices=DispatchArea.choices)
    tags = models.ManyToManyField(Tag, verbose_name=pgettext_lazy("practice", "tags"),
                                  blank=True, related_name="practices")
    status = models.CharField(pgettext_lazy("practice", "status"), max_length=10,
                              choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The evidence it worked: two of the unit's closed surveys (response rate before and
    # after, as the surveys app shows it) and figures written by hand.
    survey_before = models.ForeignKey(
        "surveys.Survey", verbose_name=_("survey before"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")
    survey_after = models.ForeignKey(
        "surveys.Survey", verbose_name=_("survey after"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")
    figures = models.TextField(_("other figures"), blank=True)
    # Where it was found, when it was proposed from the inspections app.
    inspection = models.ForeignKey(
        "inspections.Inspection", verbose_name=pgettext_lazy("practice", "inspection"),
        null=True, blank=True, on_delete=models.SET_NULL, related_name="practices",
        editable=False)
    review = models.ForeignKey(
        "inspections.Review", verbose_name=pgettext_lazy("practice", "review"), null=True,
        blank=True, on_delete=models.SET_NULL, related_name="practices", editable=False)
    endorsed_at = models.DateTimeField(null=True, blank=True, editable=False)
    endorsed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    editable=False)
    endorsement_note = models.TextField(_("endorsement note"), blank=True)
    search = models.TextField(editable=False, blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["search"])

    objects = PracticeQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("practice", "good practice")
        verbose_name_plural = pgettext_lazy("practice", "good practices")
        ordering = ["-endorsed_at", "-published_at", "-pk"]
        indexes = [models.Index(fields=["status", "endorsed_at", "published_at"],
                                name="practice_library_order")]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="practice_has_title",
                                   violation_error_message=_("Give the practice a title.")),
            models.CheckConstraint(condition=~Q(body=""), name="practice_has_body",
                                   violation_error_message=_("Describe the practice.")),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="practice_published_has_date"),
            models.CheckConstraint(
                condition=Q(endorsed_at__isnull=True) | Q(status="published"),
                name="practice_endorsed_only_published",
                violation_error_message=_("Only a published practice can be endorsed.")),
            models.CheckConstraint(
                condition=Q(survey_before__isnull=True) | Q(survey_after__isnull=True)
                | ~Q(survey_before=models.F("survey_after")),
                name="practice_two_different_surveys",
                violation_error_message=_("Choose two different surveys.")),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("practices:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_endorsed(self) -> bool:
        return self.endorsed_at is not None


class Attachment(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(pgettext_lazy("practice", "attachment"),
                            upload_to=RandomName("practices"))
    name = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("practice", "attachment")
        verbose_name_plural = pgettext_lazy("practice", "attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class Adoption(models.Model):
    """Another unit tried the practice: when, how it went, how well it worked (1–5)."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="adoptions")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="practice_adoptions")
    adopted_on = models.DateField(_("adopted on"))
    outcome = models.TextField(_("how it went"))
    rating = models.PositiveSmallIntegerField(
        _("how well it worked"),
        validators=[MinValueValidator(1, _("Rate from 1 to 5.")),
                    MaxValueValidator(5, _("Rate from 1 to 5."))])
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = AdoptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["-adopted_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["practice", "unit"], name="adoption_once_per_unit",
                                    violation_error_message=_(
                                        "This unit has already recorded adopting it.")),
            models.CheckConstraint(condition=Q(rating__gte=1) & Q(rating__lte=5),
                                   name="adoption_rating_1_to_5",
                                   violation_error_message=_("Rate from 1 to 5.")),
        ]

    def __str__(self) -> str:
        return f"{self.practice} · {self.unit}"
