from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from .ages import BIRTH_YEAR_MAX, BIRTH_YEAR_MIN
from .querysets import UnitQuerySet, UserQuerySet

PATH_STEP = 5  # characters per tree level in Unit.path: base-36 ids, "00001" + "0000z" + ...
BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def _base36(number: int) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, 36)
        digits = BASE36[rest] + digits
        if not number:
            return digits.rjust(PATH_STEP, "0")


class Unit(models.Model):
    """A node of the union tree: the VNU-HCM Union, its grassroots unions, their groups.

    `path` is a materialised path ("00010003") so that "this unit and every unit below it"
    is one indexed prefix match instead of a recursive query.
    """

    class Kind(models.TextChoices):
        UNIVERSITY_UNION = "university", _("Union directly above the grassroots unions")
        GRASSROOTS = "grassroots", _("Grassroots union")
        DEPARTMENTAL = "departmental", _("Departmental union")
        GROUP = "group", _("Union group")

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    # Contexts keep the root catalogue, which outranks the apps' own, from renaming
    # their fields: a survey question's "kind" and a response's "staff group".
    kind = models.CharField(pgettext_lazy("unit", "kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    member_count = models.PositiveIntegerField(_("number of members"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    path = models.CharField(max_length=255, unique=True, editable=False)
    history = HistoricalRecords(excluded_fields=["path"])

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="unit_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return len(self.path) // PATH_STEP - 1

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.parent_id and self.pk and self.parent.path.startswith(self.path or "\0"):
            raise ValidationError(
                {"parent": _("A unit cannot be placed under itself or one of its sub-units.")},
                code="cycle",
            )

    def save(self, *args, **kwargs) -> None:
        """Keep `path` (and the paths of every unit below) in step with `parent`."""
        from django.db.models import Value
        from django.db.models.functions import Concat, Substr

        old_path = self.path
        if not self.pk:
            self.path = f"~{id(self)}"  # placeholder until the id is known
        super().save(*args, **kwargs)
        parent_path = (
            Unit.objects.values_list("path", flat=True).get(pk=self.parent_id)
            if self.parent_id
            else ""
        )
        new_path = parent_path + _base36(self.pk)
        if new_path == self.path:
            return
        Unit.objects.filter(pk=self.pk).update(path=new_path)
        if old_path and not old_path.startswith("~"):
            Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                path=Concat(Value(new_path), Substr("path", len(old_path) + 1))
            )
        self.path = new_path

    def get_absolute_url(self) -> str:
        return reverse("portal:unit_detail", args=[self.pk])


class PortalUserManager(UserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    pass


class User(AbstractUser):
    class Role(models.TextChoices):
        COMMITTEE = "committee", _("Standing Committee member")
        OFFICER = "officer", _("Unit officer")
        COLLABORATOR = "collaborator", _("Opinion collaborator")
        MEMBER = "member", _("Member")

    class StaffGroup(models.TextChoices):
        LECTURER = "lecturer", _("Lecturer")
        RESEARCHER = "researcher", _("Researcher")
        ADMINISTRATIVE = "administrative", _("Administrative staff")
        WORKER = "worker", _("Worker")
        OTHER = "other", _("Other")

    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        OTHER = "other", _("Other")

    # first_name/last_name do not fit Vietnamese names; one full name is kept instead.
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    full_name = models.CharField(_("full name"), max_length=150)
    email = models.EmailField(_("email address"), blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    staff_group = models.CharField(
        pgettext_lazy("account", "staff group"), max_length=20, choices=StaffGroup.choices,
        default=StaffGroup.OTHER,
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = PortalUserManager()

    REQUIRED_FIELDS = ["email", "full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="user_email_unique_ci",
                violation_error_message=_("Another account already uses this email address."),
            ),
            models.CheckConstraint(
                condition=models.Q(birth_year__isnull=True)
                | models.Q(birth_year__gte=BIRTH_YEAR_MIN, birth_year__lte=BIRTH_YEAR_MAX),
                name="user_birth_year_plausible",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.rsplit(" ", 1)[-1] if self.full_name else self.username

    @property
    def is_committee(self) -> bool:
        return self.is_superuser or self.role == self.Role.COMMITTEE

    @property
    def is_officer(self) -> bool:
        return self.role == self.Role.OFFICER


class WorkerHeartbeat(models.Model):
    """Last sign of life of each Celery worker, read by /healthz."""

    hostname = models.CharField(max_length=255, primary_key=True)
    seen_at = models.DateTimeField()

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return self.hostname


class Holiday(models.Model):
    """A public holiday (or a day off the government moves) on which deadlines that count
    in working days do not run. Data an administrator keeps up to date each year: the
    government fixes Tết and the bridging days annually. See `portal.workdays`."""

    day = models.DateField(_("day"), primary_key=True)
    name = models.CharField(_("holiday"), max_length=120)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.name}"


class ReminderSent(models.Model):
    """One reminder email already sent about one record, so a daily job never sends it
    twice (see `portal.reminders`). `target` is the record's model label, `object_id` its
    key as text (a number, or a UUID where keys must not show arrival order)."""

    target = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    kind = models.CharField(max_length=40)
    sent_on = models.DateField()
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [models.UniqueConstraint(fields=["target", "object_id", "kind"],
                                               name="reminder_once_per_record_and_kind")]

    def __str__(self) -> str:
        return f"{self.target}#{self.object_id} {self.kind} {self.sent_on:%d/%m/%Y}"
