"""Dialogue sessions (đối thoại): minutes, commitments.

A unit holds dialogue with its staff: the annual staff conference (Law 10/2022 on
grassroots democracy: once a year, within three months of the working year's end), a
periodic dialogue, one requested by members or by the union, a thematic one. The record
carries what a signed set of minutes needs (time, place, chair, secretary, present and
absent, each question and its answer, points agreed and still open), the signed minutes as
a private file, and a summary published to the unit's members. Each commitment made is a
tracked item the members follow on a public progress page."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from portal.files import RandomName
from portal.models import Unit
from portal.tracking import TrackedItem

from ..sessions.querysets import CommitmentQuerySet, DialogueSessionQuerySet

__all__ = ["Commitment", "DialogueSession", "SessionKind", "SessionQuestion"]


class SessionKind(models.TextChoices):
    CONFERENCE = "conference", _("Annual staff conference")
    PERIODIC = "periodic", _("Periodic dialogue")
    MEMBERS = "members", _("Dialogue requested by members")
    UNION = "union", _("Dialogue requested by the union")
    THEMATIC = "thematic", _("Thematic dialogue")


class DialogueSession(models.Model):
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="dialogue_sessions")
    kind = models.CharField(pgettext_lazy("dialogue", "kind"), max_length=12,
                            choices=SessionKind.choices)
    title = models.CharField(pgettext_lazy("dialogue", "subject"), max_length=200)
    working_year = models.PositiveSmallIntegerField(
        _("working year reviewed"), null=True, blank=True,
        help_text=_("For an annual staff conference: the working year it reviews."))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200)
    organiser = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("organiser"),
                                  null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    leadership_side = models.TextField(
        _("leadership side present"), blank=True,
        help_text=_("One person a line: name and position."))
    union_side = models.TextField(_("union side present"), blank=True,
                                  help_text=_("One person a line: name and position."))
    attendance = models.PositiveIntegerField(_("number of staff attending"), null=True,
                                             blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    agenda_sent_on = models.DateField(_("agenda sent on"), null=True, blank=True)
    # The minutes.
    chair = models.CharField(_("chair"), max_length=150, blank=True)
    secretary = models.CharField(_("secretary"), max_length=150, blank=True)
    present = models.TextField(_("present"), blank=True,
                               help_text=_("One person a line: name and position."))
    absent = models.TextField(_("absent"), blank=True,
                              help_text=_("One person a line, with the reason if known."))
    agreed = models.TextField(_("points agreed"), blank=True)
    still_open = models.TextField(_("points still open"), blank=True)
    signed_minutes = models.FileField(_("signed minutes"), upload_to=RandomName("dialogue"),
                                      blank=True, max_length=200)
    summary = models.TextField(_("summary for members"), blank=True)
    summary_published_at = models.DateTimeField(_("summary published at"), null=True,
                                                blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DialogueSessionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dialogue session")
        verbose_name_plural = _("dialogue sessions")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["unit", "starts_at"], name="dialogue_session_unit"),
                   models.Index(fields=["kind", "starts_at"], name="dialogue_session_kind")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=SessionKind.CONFERENCE) | Q(working_year__isnull=False),
                name="dialogue_conference_has_year"),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=F("starts_at")),
                name="dialogue_session_ends_after_start"),
            models.CheckConstraint(
                condition=Q(summary_published_at__isnull=True)
                | (Q(summary_published_at__gte=F("starts_at")) & ~Q(summary="")),
                name="dialogue_summary_after_session"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("dialogue:session_detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.summary_published_at is not None


class SessionQuestion(models.Model):
    """One question asked at the session and the answer given there."""

    session = models.ForeignKey(DialogueSession, verbose_name=_("dialogue session"),
                                on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    asked_by = models.CharField(_("asked by"), max_length=150, blank=True)
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer given"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("question and answer")
        verbose_name_plural = _("questions and answers")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.question[:80]


class Commitment(TrackedItem):
    """A commitment made at a session: who owes it (named in the minutes, a person or an
    office; `owner` is the portal account that reports progress, if any) and by when. Its
    `note` is internal; `public_note` is what the members read."""

    session = models.ForeignKey(DialogueSession, verbose_name=_("dialogue session"),
                                on_delete=models.CASCADE, related_name="commitments")
    title = models.CharField(_("commitment"), max_length=300)
    responsible = models.CharField(_("responsible"), max_length=200,
                                   help_text=_("The person or office that committed."))
    public_note = models.TextField(_("progress shown to members"), blank=True)

    # django-stubs declares TrackedItem's `objects` a ClassVar; its plugin types this
    # as_manager() assignment as an instance variable (as for Case's).
    objects = CommitmentQuerySet.as_manager()  # type: ignore[misc]

    class Meta(TrackedItem.Meta):
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["unit", "status", "due_on"], name="dialogue_commit_usd")]
        constraints = [
            *TrackedItem.Meta.constraints,
            models.CheckConstraint(condition=~Q(responsible=""),
                                   name="dialogue_commitment_has_owner"),
        ]

    def __str__(self) -> str:
        return self.title
