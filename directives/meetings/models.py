"""The models of briefing meetings (hội nghị giao ban dư luận xã hội), dispatch task 4.

A meeting belongs to one unit: the university union's own meetings are of the university
level, a grassroots union's (or a unit below it) of the unit level. It has an ordered
agenda, a named attendance (the unit's accounts, and guests by name), minutes, the opinion
reports and surveys it discussed, and follow-up actions on the tracked-item base: an open
action carries over to the unit's next meetings until it is done or cancelled."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from portal.models import Unit
from portal.tracking import TrackedItem

from .querysets import ActionQuerySet, AttendanceQuerySet, MeetingQuerySet


class Meeting(models.Model):
    class Level(models.TextChoices):
        UNIVERSITY = "university", pgettext_lazy("meeting level", "University")
        UNIT = "unit", pgettext_lazy("meeting level", "Unit")

    class Kind(models.TextChoices):
        REGULAR = "regular", pgettext_lazy("meeting kind", "Regular")
        THEMATIC = "thematic", pgettext_lazy("meeting kind", "Thematic, with one group")
        EXTRAORDINARY = "extraordinary", pgettext_lazy("meeting kind", "Extraordinary")

    class Group(models.TextChoices):
        YOUNG_LECTURERS = "young_lecturers", _("Young lecturers")
        WORKERS = "workers", _("Workers")
        RETIREES = "retirees", _("Retirees")
        WOMEN = "women", _("Women staff")
        OFFICE_STAFF = "office_staff", _("Administrative staff")
        OTHER = "other", pgettext_lazy("meeting group", "Other group")

    level = models.CharField(pgettext_lazy("meeting", "level"), max_length=12,
                             choices=Level.choices, editable=False)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="+")
    kind = models.CharField(pgettext_lazy("meeting", "kind"), max_length=14,
                            choices=Kind.choices, default=Kind.REGULAR)
    group = models.CharField(_("group of the thematic meeting"), max_length=16,
                             choices=Group.choices, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200)
    chair = models.CharField(_("chair"), max_length=150)
    secretary = models.CharField(_("secretary"), max_length=150)
    minutes = models.TextField(_("minutes"), blank=True, max_length=20000)
    opinion_reports = models.ManyToManyField(
        "collaborators.OpinionReport", verbose_name=_("opinion reports discussed"),
        blank=True, related_name="+")
    surveys = models.ManyToManyField("surveys.Survey", verbose_name=_("surveys discussed"),
                                     blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("briefing meeting")
        verbose_name_plural = _("briefing meetings")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["unit", "starts_at"], name="meeting_unit_starts_idx"),
                   models.Index(fields=["starts_at"], name="meeting_starts_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")),
                                   name="meeting_ends_after_start",
                                   violation_error_message=_(
                                       "The meeting must end after it starts.")),
            models.CheckConstraint(
                condition=Q(kind="thematic", group__gt="") | (~Q(kind="thematic") & Q(group="")),
                name="meeting_group_only_thematic",
                violation_error_message=_(
                    "Choose the group for a thematic meeting, and only for one.")),
        ]

    def __str__(self) -> str:
        when = timezone.localtime(self.starts_at)
        return f"{self.get_kind_display()} · {self.unit.code} · {when:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.pk])

    @property
    def title(self) -> str:
        """How the meeting is named on pages and in its minutes."""
        when = timezone.localtime(self.starts_at)
        if self.kind == self.Kind.THEMATIC:
            return str(_("Thematic briefing with %(group)s, %(date)s")
                       % {"group": self.get_group_display().lower(),
                          "date": f"{when:%d/%m/%Y}"})
        if self.kind == self.Kind.EXTRAORDINARY:
            return str(_("Extraordinary briefing, %(date)s") % {"date": f"{when:%d/%m/%Y}"})
        return str(_("Briefing of %(month)s") % {"month": f"{when:%m/%Y}"})

    @classmethod
    def level_for(cls, unit: Unit) -> str:
        """The university union's own meetings are of the university level; the others, of
        a unit."""
        return cls.Level.UNIVERSITY if unit.parent_id is None else cls.Level.UNIT

    @property
    def is_upcoming(self) -> bool:
        return self.ends_at > timezone.now()


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("agenda item"), max_length=300)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        constraints = [models.UniqueConstraint(fields=["meeting", "position"],
                                               name="agenda_position_unique")]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Attendance(models.Model):
    """One person at a meeting: an account of the unit, or a guest by name."""

    class Status(models.TextChoices):
        PRESENT = "present", pgettext_lazy("attendance", "Present")
        EXCUSED = "excused", _("Absent with a reason")
        UNEXCUSED = "unexcused", _("Absent without a reason")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    account = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("account"),
                                null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    guest_name = models.CharField(_("guest's name"), max_length=150, blank=True)
    guest_title = models.CharField(_("guest's position"), max_length=200, blank=True)
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices,
                              default=Status.PRESENT)
    reason = models.CharField(_("reason for absence"), max_length=300, blank=True)
    history = HistoricalRecords()

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(account__isnull=False, guest_name="")
                           | Q(account__isnull=True, guest_name__gt="")),
                name="meeting_attendee_account_or_guest"),
            models.UniqueConstraint(fields=["meeting", "account"],
                                    condition=Q(account__isnull=False),
                                    name="meeting_attendee_once"),
            models.CheckConstraint(condition=~Q(status="excused") | Q(reason__gt=""),
                                   name="meeting_excused_has_reason",
                                   violation_error_message=_(
                                       "Give the reason of an excused absence.")),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return str(self.account) if self.account_id else self.guest_name


class Action(TrackedItem):
    """A follow-up action decided at a meeting: what, who is in charge, by when."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE,
                                related_name="actions")
    title = models.CharField(_("what is to be done"), max_length=300)

    # django-stubs types a manager from `as_manager()` as a generated class, a ClassVar on
    # TrackedItem; the subclass's is neither a ClassVar nor a subtype of the base's
    # (typeddjango/django-stubs#1712), though ActionQuerySet extends TrackedItemQuerySet.
    objects = ActionQuerySet.as_manager()  # type: ignore[misc]

    class Meta(TrackedItem.Meta):
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["unit", "status", "due_on"],
                                name="meeting_action_unit_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:action", args=[self.pk])
