"""Writes that reach the audience: invitations, their emails and reminders."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from portal.models import User
from portal.permissions import require_change

from ..models import Invitation, Survey
from ..querysets import audience_q, in_audience
from ..tokens import token_for
from .generalisation import survey_plan_anonymity

EMAIL_BATCH = 200


def audience_of(survey: Survey):
    """The active accounts the survey is addressed to."""
    paths = list(survey.audience_units.values_list("path", flat=True))
    return User.objects.filter(audience_q(unit_paths=paths, roles=survey.audience_roles,
                                          staff_groups=survey.audience_staff_groups))


def is_in_audience(survey: Survey, user: User) -> bool:
    paths = [u.path for u in survey.audience_units.all()]
    return in_audience(user, unit_paths=paths, roles=survey.audience_roles,
                       staff_groups=survey.audience_staff_groups)


@transaction.atomic
def survey_sync_invitations(*, survey: Survey) -> tuple[int, int]:
    """Invite every member of the audience who is not invited yet, and withdraw unused
    invitations of people no longer in it; an anonymous survey's plan of what answers keep
    is made again for the audience as it now is. Returns (added, withdrawn)."""
    audience = audience_of(survey)
    invited = set(Invitation.objects.filter(survey=survey).values_list("user_id", flat=True))
    new = [Invitation(survey=survey, user_id=user_id, unit_id=unit_id)
           for user_id, unit_id in audience.values_list("id", "unit_id").iterator()
           if user_id not in invited]
    Invitation.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    withdrawn, _ = (Invitation.objects.filter(survey=survey, used=False)
                    .exclude(user__in=audience).delete())
    survey_plan_anonymity(survey=survey)
    return len(new), withdrawn


def invitation_for(*, survey: Survey, user: User) -> Invitation | None:
    """The member's invitation, made now if they joined the audience after it opened."""
    invitation = Invitation.objects.filter(survey=survey, user=user).first()
    if invitation or not is_in_audience(survey, user):
        return invitation
    try:
        with transaction.atomic():
            Invitation.objects.create(survey=survey, user=user, unit_id=user.unit_id)
            survey_plan_anonymity(survey=survey)  # what this member's answer may keep
    except IntegrityError:  # the same member, in another tab, a moment earlier
        pass
    return Invitation.objects.get(survey=survey, user=user)


def answer_url(base_url: str, invitation: Invitation) -> str:
    return base_url.rstrip("/") + reverse("surveys:answer_token", args=[token_for(invitation)])


def _enqueue(task, *args) -> None:
    transaction.on_commit(lambda: task.delay(*args))


def survey_send_invitations(*, survey: Survey, by: User, base_url: str) -> int:
    """Queue the invitation emails of everyone not emailed yet; returns how many."""
    from ..tasks import send_invitation_emails

    require_change(by, survey.owner_unit)
    pending = (Invitation.objects.filter(survey=survey, used=False, sent_at__isnull=True)
               .exclude(user__email="").count())
    if pending:
        _enqueue(send_invitation_emails, survey.pk, base_url)
    return pending


def survey_send_reminders(*, survey: Survey, by: User, base_url: str) -> int:
    """Queue a reminder to everyone with an email who has not answered; returns how many."""
    from ..tasks import send_reminder_emails

    require_change(by, survey.owner_unit)
    pending = (Invitation.objects.filter(survey=survey, used=False)
               .exclude(user__email="").count())
    if pending and survey.is_accepting():
        _enqueue(send_reminder_emails, survey.pk, base_url, timezone.now().isoformat())
    return pending if survey.is_accepting() else 0


def _message(invitation: Invitation, survey: Survey, base_url: str, reminder: bool,
             connection) -> EmailMessage:
    context = {"survey": survey, "user": invitation.user, "reminder": reminder,
               "url": answer_url(base_url, invitation)}
    subject = " ".join(render_to_string("surveys/email/invitation_subject.txt", context).split())
    body = render_to_string("surveys/email/invitation.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.user.email],
                        connection=connection)


def invitation_emails_send(*, survey_id: int, base_url: str,
                           reminder_round: datetime | None = None) -> int:
    """Send the emails in batches, marking each batch once sent, so a retried task picks up
    where it stopped. A reminder round only reaches invitations not reminded since it began.
    Returns the number of emails sent."""
    survey = Survey.objects.filter(pk=survey_id).first()
    if survey is None or not survey.is_accepting():
        return 0
    pending = (Invitation.objects.filter(survey=survey, used=False).exclude(user__email="")
               .select_related("user").order_by("id"))
    if reminder_round is None:
        pending = pending.filter(sent_at__isnull=True)
    else:
        pending = pending.exclude(reminded_at__gte=reminder_round)
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        while batch := list(pending[:EMAIL_BATCH]):
            with get_connection() as connection:
                connection.send_messages([_message(inv, survey, base_url, reminder_round
                                                   is not None, connection) for inv in batch])
            ids = [inv.id for inv in batch]
            if reminder_round is None:
                Invitation.objects.filter(id__in=ids).update(sent_at=timezone.now())
            else:
                Invitation.objects.filter(id__in=ids).update(
                    reminded_at=timezone.now(), reminder_count=F("reminder_count") + 1)
            sent += len(batch)
    return sent
