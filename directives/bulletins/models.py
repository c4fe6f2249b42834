"""Official information that orients opinion (thông tin định hướng): dispatch tasks 1, 3, 4.

Bulletin: what a unit tells its people (official information, a new policy explained, a
rumour corrected, talking points for collaborators), to an audience: units with their
sub-units, optionally narrowed to some roles and staff groups. It may answer hot topics
(the opinion reports' topics) and particular opinion reports.

BulletinRead: one row per person and bulletin, made the first time the person opens it;
reach is counted from these rows in SQL.

BulletinQuestion: a question a person in the audience asks under a live bulletin, answered
publicly to the whole audience. Who asked is stored (`asker`) for two things only: to show
the asker "your question" and to limit how many questions one person sends. It is never
rendered to anyone else, is kept out of the change history and the admin, and a case opened
from a question is opened anonymously.

BulletinEmail: one row per person an urgent bulletin was emailed to, so that a retried or
repeated send never mails anyone twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from collaborators.models import OpinionReport
from portal.files import RandomName
from portal.models import Unit

from .querysets import BulletinQuerySet, QuestionQuerySet


class Bulletin(models.Model):
    class Kind(models.TextChoices):
        OFFICIAL = "official", _("Official information")
        POLICY = "policy", _("Explanation of a new policy")
        CORRECTION = "correction", _("Correction of misinformation")
        GUIDANCE = "guidance", _("Guidance for collaborators")

    class Urgency(models.TextChoices):
        NORMAL = "normal", pgettext_lazy("bulletin urgency", "Normal")
        URGENT = "urgent", pgettext_lazy("bulletin urgency", "Urgent")

    unit = models.ForeignKey(Unit, verbose_name=_("issuing unit"), on_delete=models.PROTECT,
                             related_name="bulletins")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("written by"),
                               null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    title = models.CharField(pgettext_lazy("bulletin", "title"), max_length=200)
    body = models.TextField(pgettext_lazy("bulletin", "content"), max_length=20000)
    kind = models.CharField(pgettext_lazy("bulletin", "kind"), max_length=12,
                            choices=Kind.choices, default=Kind.OFFICIAL)
    urgency = models.CharField(pgettext_lazy("bulletin", "urgency"), max_length=8,
                               choices=Urgency.choices, default=Urgency.NORMAL)
    # Audience: units with their sub-units (BulletinAudience), narrowed to these roles and
    # staff groups, written ",member,collaborator," so one LIKE matches; "" means all.
    roles = models.CharField(_("roles"), max_length=80, blank=True, default="")
    staff_groups = models.CharField(_("staff groups"), max_length=120, blank=True, default="")
    answers_reports = models.ManyToManyField(OpinionReport, verbose_name=_("opinion reports"),
                                             blank=True, related_name="bulletins")
    publish_at = models.DateTimeField(_("publish at"), default=timezone.now, db_index=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    pinned = models.BooleanField(_("pinned"), default=False)
    emailed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["emailed_at"])

    objects = BulletinQuerySet.as_manager()

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        ordering = ["-pinned", "-publish_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__isnull=True)
                | models.Q(expires_at__gt=models.F("publish_at")),
                name="bulletin_expires_after_publication"),
        ]
        indexes = [models.Index(fields=["unit", "publish_at"], name="bulletin_unit_pub_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("bulletins:detail", args=[self.pk])

    @property
    def role_list(self) -> list[str]:
        return [r for r in self.roles.split(",") if r]

    @property
    def staff_group_list(self) -> list[str]:
        return [g for g in self.staff_groups.split(",") if g]

    def is_live(self, now=None) -> bool:
        now = now or timezone.now()
        return self.publish_at <= now and (self.expires_at is None or self.expires_at > now)

    def is_expired(self, now=None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())


class BulletinAudience(models.Model):
    """One unit (with every unit below it) a bulletin is addressed to."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="audience")
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="+")

    class Meta:
        verbose_name = pgettext_lazy("bulletin", "audience unit")
        verbose_name_plural = pgettext_lazy("bulletin", "audience units")
        constraints = [models.UniqueConstraint(fields=["bulletin", "unit"],
                                               name="bulletin_audience_once")]

    def __str__(self) -> str:
        return f"{self.bulletin} → {self.unit}"


class BulletinTopic(models.Model):
    """A hot topic (an opinion report's topic) a bulletin answers."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="topics")
    topic = models.CharField(_("topic"), max_length=20, choices=OpinionReport.Topic.choices)

    class Meta:
        verbose_name = _("hot topic answered")
        verbose_name_plural = _("hot topics answered")
        constraints = [models.UniqueConstraint(fields=["bulletin", "topic"],
                                               name="bulletin_topic_once")]

    def __str__(self) -> str:
        return self.get_topic_display()


class BulletinAttachment(models.Model):
    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE,
                                 related_name="attachments")
    file = models.FileField(_("file"), upload_to=RandomName("bulletins"), max_length=200)
    name = models.CharField(_("file name"), max_length=200)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class BulletinRead(models.Model):
    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="bulletin_reads")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bulletin read")
        verbose_name_plural = _("bulletin reads")
        constraints = [models.UniqueConstraint(fields=["bulletin", "user"],
                                               name="bulletin_read_once")]

    def __str__(self) -> str:
        return f"{self.bulletin_id} · {self.user_id}"


class BulletinEmail(models.Model):
    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="emails")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bulletin email")
        verbose_name_plural = _("bulletin emails")
        constraints = [models.UniqueConstraint(fields=["bulletin", "user"],
                                               name="bulletin_email_once")]

    def __str__(self) -> str:
        return f"{self.bulletin_id} · {self.user_id}"


class BulletinQuestion(models.Model):
    """See the module's docstring for what `asker` is for and what it is never used for."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="questions")
    asker = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+", editable=False)
    text = models.TextField(_("question"), max_length=2000)
    asked_on = models.DateField(_("asked on"), default=timezone.localdate)
    answer = models.TextField(_("answer"), max_length=5000, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("answered by"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # The grievance register's case opened from this question (dialogue's Case key); a
    # value, not a foreign key, so this app's tables do not depend on that app's migrations.
    case_key = models.UUIDField(null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["asker"])

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-asked_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answer="") | models.Q(answered_at__isnull=False),
                name="bulletin_question_answer_has_time"),
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def answered(self) -> bool:
        return bool(self.answer)
