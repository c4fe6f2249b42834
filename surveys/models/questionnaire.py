"""A survey, its sections, questions and choices: what an officer builds."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.models import Unit, User

from ..querysets import QuestionQuerySet, SurveyQuerySet


class Topic(models.TextChoices):
    POLICY = "policy", _("New policy or regulation")
    PAY = "pay", _("Pay and income")
    WORKING = "working", _("Working conditions")
    TRAINING = "training", _("Training and teaching")
    FACILITIES = "facilities", _("Facilities")
    UNION = "union", _("Union activities")
    OTHER = "other", _("Other")


class Survey(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    topic = models.CharField(_("policy topic"), max_length=20, choices=Topic.choices,
                             default=Topic.POLICY)
    owner_unit = models.ForeignKey(Unit, verbose_name=_("owner unit"), on_delete=models.PROTECT,
                                   related_name="surveys")
    audience_units = models.ManyToManyField(
        Unit, verbose_name=_("audience units"), related_name="targeted_by_surveys",
        help_text=_("Members of these units and of every unit below them."))
    audience_roles = models.JSONField(
        _("audience roles"), default=list, blank=True,
        help_text=_("Leave empty for every role."))
    audience_staff_groups = models.JSONField(
        _("audience staff groups"), default=list, blank=True,
        help_text=_("Leave empty for every staff group."))
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    anonymous = models.BooleanField(
        _("anonymous"), default=True,
        help_text=_("Responses keep no link to the person who answered."))
    open_link = models.BooleanField(
        _("open link"), default=True,
        help_text=_("Members of the audience can also answer from the portal once logged in, "
                    "without their personal link."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    min_group_size = models.PositiveSmallIntegerField(
        _("minimum group size"), default=5,
        validators=[MinValueValidator(3), MaxValueValidator(100)],
        help_text=_("Breakdowns and exports hide any group with fewer respondents."))
    results_published_at = models.DateTimeField(_("results published at"), null=True,
                                                blank=True)
    copied_from = models.ForeignKey("self", verbose_name=_("copied from"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="copies")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    # Bumped by every change to sections, questions or choices: the answering page caches the
    # questionnaire per process under (id, version), so a change is seen at once.
    structure_version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["structure_version"])

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")),
                                   name="survey_closes_after_it_opens"),
            models.CheckConstraint(condition=models.Q(min_group_size__gte=3,
                                                      min_group_size__lte=100),
                                   name="survey_min_group_size_range"),
        ]
        indexes = [models.Index(fields=["status", "closes_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:detail", args=[self.pk])

    def is_accepting(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.status == self.Status.OPEN and self.opens_at <= now < self.closes_at

    def is_over(self, now: datetime | None = None) -> bool:
        """Closed by its officer, or past its closing time."""
        now = now or timezone.now()
        return self.status == self.Status.CLOSED or (
            self.status == self.Status.OPEN and now >= self.closes_at)

    @property
    def state(self) -> str:
        """What a person sees: draft, scheduled, open, ended (time is up) or closed."""
        now = timezone.now()
        if self.status == self.Status.OPEN:
            if now < self.opens_at:
                return "scheduled"
            return "open" if now < self.closes_at else "ended"
        return self.status

    @property
    def audience_role_labels(self) -> list[str]:
        return [str(User.Role(r).label) for r in self.audience_roles if r in User.Role.values]

    @property
    def audience_staff_group_labels(self) -> list[str]:
        return [str(User.StaffGroup(g).label) for g in self.audience_staff_groups
                if g in User.StaffGroup.values]

    @property
    def results_published(self) -> bool:
        return self.results_published_at is not None


class Section(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("section title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        LIKERT = "likert", _("Agreement scale 1-5")
        RATING = "rating", _("Rating 0-10")
        SHORT_TEXT = "short_text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        NUMBER = "number", _("Number")
        DATE = "date", _("Date")
        MATRIX = "matrix", _("Matrix of agreement rows")

    CHOICE_KINDS = frozenset({Kind.SINGLE, Kind.MULTIPLE})
    SCALE_KINDS = frozenset({Kind.LIKERT, Kind.RATING})
    TEXT_KINDS = frozenset({Kind.SHORT_TEXT, Kind.LONG_TEXT})
    SHORT_TEXT_MAX = 300
    LONG_TEXT_MAX = 5000

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, verbose_name=_("section"), on_delete=models.CASCADE,
                                related_name="questions")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveSmallIntegerField(default=0)
    has_other = models.BooleanField(
        _("“Other, please specify” option"), default=False)
    max_choices = models.PositiveSmallIntegerField(
        _("maximum number of choices"), null=True, blank=True,
        help_text=_("Multiple choice only; leave empty for no limit."))
    min_value = models.DecimalField(_("minimum"), max_digits=15, decimal_places=2, null=True,
                                    blank=True)
    max_value = models.DecimalField(_("maximum"), max_digits=15, decimal_places=2, null=True,
                                    blank=True)
    condition_question = models.ForeignKey(
        "self", verbose_name=_("shown only after"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="dependents")
    condition_choices = models.ManyToManyField(
        "Choice", verbose_name=_("shown only if the answer is one of"), blank=True,
        related_name="+")
    publish_result = models.BooleanField(_("publish this result"), default=False)
    history = HistoricalRecords()

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["section__position", "section_id", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_value__isnull=True) | models.Q(max_value__isnull=True)
                | models.Q(min_value__lte=models.F("max_value")),
                name="question_min_not_above_max"),
            models.CheckConstraint(
                condition=models.Q(max_choices__isnull=True) | models.Q(max_choices__gte=1),
                name="question_max_choices_positive"),
            models.CheckConstraint(
                condition=~models.Q(condition_question=models.F("id")),
                name="question_not_own_condition"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_choice(self) -> bool:
        return self.kind in self.CHOICE_KINDS

    @property
    def is_scale(self) -> bool:
        return self.kind in self.SCALE_KINDS

    @property
    def is_text(self) -> bool:
        return self.kind in self.TEXT_KINDS

    @property
    def scale_range(self) -> range:
        if self.kind == self.Kind.RATING:
            return range(0, 11)
        return range(1, 6)  # likert and matrix rows

    @property
    def publishable(self) -> bool:
        """Free text is never published: a sentence can identify the person who wrote it."""
        return not self.is_text


class Choice(models.Model):
    """A choice of a single- or multiple-choice question, or a row of a matrix question."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    label = models.CharField(_("label"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label


LIKERT_LABELS = {
    1: _("Strongly disagree"),
    2: _("Disagree"),
    3: _("Neutral"),
    4: _("Agree"),
    5: _("Strongly agree"),
}
