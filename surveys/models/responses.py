"""Invitations, responses and answers.

Anonymity has to hold for whoever holds the database, so for an anonymous survey:

- `Response` and `Answer` carry no user, no invitation, and no sequential key: their keys
  are random UUIDs (uuid4; uuid1 would embed the time), and no time at all (`submitted_on`
  is empty: only an identified survey keeps the day).
- `Invitation` records only *that* it was used (`used`), never when; it has no history
  table and no `auto_now` field, and the submission changes nothing else on it.
- What breakdowns need is copied onto the response when it is answered (unit, staff group,
  gender, age band): a snapshot, so a later profile change neither re-identifies it nor
  shifts old results. It is the *kept* profile of the invitation, not the person's own:
  when the survey opens, each invitation gets its member's profile generalised until at
  least K invited people share it (`surveys.services.generalisation`): the unit rolled up
  to its parent, then the age band, gender and staff group dropped. A rolled-up unit is a
  parent unit; a dropped staff group or gender is blank, a dropped age band "unknown".
- The physical order of responses and answers on disk and PostgreSQL's transaction ids
  are scrambled by sealing (`surveys.services.anonymity`).
- None of these three models has a `HistoricalRecords`: a history row would keep the user
  and the time of the change.

`tests/surveys/test_anonymity.py` checks all of this against the schema and the data.
An identified survey links a response to its person through `Respondent`, a separate
table that an anonymous survey never writes.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.ages import AgeBand
from portal.models import Unit

from .questionnaire import Choice, Question, Survey


class Invitation(models.Model):
    """One member of a survey's audience, with their one-use link.

    The token is never stored: it is a keyed hash of this record's random id (see
    `surveys.tokens`), so the printable page can show it again and a stolen copy of the
    database does not contain usable links."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # No index of its own: the unique (survey, user) below leads with it.
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations",
                               db_index=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="survey_invitations")
    # The member's unit when invited: response rates per unit count against it.
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    used = models.BooleanField(_("answered"), default=False)
    sent_at = models.DateTimeField(_("email sent at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminder at"), null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    # What an answer of an anonymous survey will store of this member: their profile
    # generalised until at least K invited people share it (see
    # `surveys.services.generalisation`). Empty (nothing kept) until the plan is made.
    kept_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    kept_staff_group = models.CharField(max_length=20, blank=True)
    kept_gender = models.CharField(max_length=10, blank=True)
    kept_age_band = models.CharField(max_length=10, default=AgeBand.UNKNOWN)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        # `used` is deliberately in no index: marking an invitation used then rewrites the
        # row in place (a heap-only update on PostgreSQL, in the same page), which is both
        # cheaper and keeps no trace of the order in which invitations were used.
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="invitation_one_per_member"),
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.user_id}"


class Response(models.Model):
    """One member's answers to one survey. See the module docstring before adding a field."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # No index of its own: the (survey, unit) index below leads with it.
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses",
                               db_index=False)
    # Identified surveys only; empty for an anonymous survey.
    submitted_on = models.DateField(_("day answered"), null=True, blank=True)
    # A random key put in the form when it is shown: a retried or doubled submit of the same
    # form finds its response instead of making a second one. It is stored nowhere else.
    submission_key = models.UUIDField(unique=True)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    staff_group = models.CharField(_("staff group"), max_length=20, blank=True)
    gender = models.CharField(_("gender"), max_length=10, blank=True)
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand.choices,
                                default=AgeBand.UNKNOWN)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["survey", "unit"])]

    def __str__(self) -> str:
        return str(self.id)


class Answer(models.Model):
    """One answer: a row per chosen option, per matrix row, or per question otherwise.

    `choice` is the chosen option (or the matrix row); `value` a point on a 1-5 or 0-10
    scale; `number`, `date` and `text` the other kinds; `text` with no `choice` on a choice
    question is the "other, please specify" answer."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # No index of their own: the unique (response, question, choice) and the
    # (question, choice) / (question, value) indexes below lead with these columns.
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers",
                                 db_index=False)
    # RESTRICT: a question or choice that has answers cannot be deleted on its own, only
    # together with its whole survey.
    question = models.ForeignKey(Question, on_delete=models.RESTRICT, related_name="answers",
                                 db_index=False)
    choice = models.ForeignKey(Choice, null=True, blank=True, on_delete=models.RESTRICT,
                               related_name="answers")
    value = models.SmallIntegerField(null=True, blank=True)
    number = models.DecimalField(max_digits=15, decimal_places=2, null=True, blank=True)
    date = models.DateField(null=True, blank=True)
    text = models.TextField(blank=True)
    # One row per (response, question) leads: counting leads counts the people who answered
    # a question, in the same pass that counts options, without a DISTINCT over people
    # (multiple choice and matrix questions store several rows per person).
    lead = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question", "choice"],
                                    name="answer_option_once"),
            models.UniqueConstraint(fields=["response", "question"],
                                    condition=models.Q(choice__isnull=True),
                                    name="answer_free_part_once"),
            models.UniqueConstraint(fields=["response", "question"],
                                    condition=models.Q(lead=True),
                                    name="answer_one_lead_per_question"),
            models.CheckConstraint(
                condition=models.Q(value__isnull=True)
                | models.Q(value__gte=0, value__lte=10),
                name="answer_value_on_a_scale"),
        ]
        indexes = [models.Index(fields=["question", "choice"]),
                   models.Index(fields=["question", "value"])]

    def __str__(self) -> str:
        return str(self.id)


class AnonymityPlan(models.Model):
    """When an anonymous survey opened: the K it was planned for, what its audience allows
    (`summary`, shown to the owner) and how many responses the last sealing shuffled."""

    survey = models.OneToOneField(Survey, primary_key=True, on_delete=models.CASCADE,
                                  related_name="anonymity_plan")
    k = models.PositiveSmallIntegerField()
    summary = models.JSONField(default=dict)
    sealed_responses = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.survey_id)


class Respondent(models.Model):
    """Who answered, for identified surveys only; an anonymous survey never writes here."""

    response = models.OneToOneField(Response, primary_key=True, on_delete=models.CASCADE,
                                    related_name="respondent")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="identified_responses")

    class Meta:
        verbose_name = _("respondent")
        verbose_name_plural = _("respondents")

    def __str__(self) -> str:
        return str(self.user_id)
