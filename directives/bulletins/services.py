"""Writes of the bulletins app: keyword-only, atomic, validated before saving; views and
tasks call these and never read the request."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from collaborators.models import OpinionReport
from portal.files import validate_upload
from portal.markup import plain
from portal.models import User
from portal.permissions import can_change_unit, require_change
from portal.reminders import absolute_url

from .models import (
    Bulletin,
    BulletinAttachment,
    BulletinAudience,
    BulletinEmail,
    BulletinQuestion,
    BulletinRead,
    BulletinTopic,
)
from .querysets import audience_match

EMAIL_BATCH = 100
#: The roles guidance for collaborators may be addressed to: never members.
GUIDANCE_ROLES = (User.Role.COLLABORATOR, User.Role.OFFICER, User.Role.COMMITTEE)
#: Hot topics that are also categories of the grievance register.
CASE_CATEGORIES = ("pay", "conditions", "facilities", "teaching", "policy")
FIELDS = ("title", "body", "kind", "urgency", "publish_at", "expires_at", "pinned")


def questions_per_day() -> int:
    return int(getattr(settings, "BULLETINS_QUESTIONS_PER_DAY", 5))


def _joined(values: Iterable[str]) -> str:
    values = sorted(set(values))
    return f",{','.join(values)}," if values else ""


def _check_audience(by: User, kind: str, units, roles: list[str]) -> list[str]:
    """The audience's units must be ones the author may address: their own unit and those
    below it (the committee: any). Guidance never goes to members."""
    for unit in units:
        if not can_change_unit(by, unit):
            raise ValidationError(
                {"audience_units": _("You may address only your own unit and the units below "
                                     "it: %(unit)s is not one of them.") % {"unit": unit}},
                code="audience")
    if kind == Bulletin.Kind.GUIDANCE:
        if set(roles) - set(GUIDANCE_ROLES):
            raise ValidationError(
                {"roles": _("Guidance for collaborators is for collaborators and officers "
                            "only; it cannot be addressed to members.")}, code="guidance")
        roles = roles or [User.Role.COLLABORATOR, User.Role.OFFICER]
    return roles


def _save(bulletin: Bulletin, *, by: User, data: Mapping[str, Any]) -> Bulletin:
    require_change(by, bulletin.unit)
    for name in FIELDS:
        if name in data:
            setattr(bulletin, name, data[name])
    units = list(data.get("audience_units") or [bulletin.unit])
    roles = _check_audience(by, bulletin.kind, units, list(data.get("roles") or []))
    bulletin.roles = _joined(roles)
    bulletin.staff_groups = _joined(data.get("staff_groups") or [])
    if bulletin.expires_at and bulletin.publish_at and bulletin.expires_at <= bulletin.publish_at:
        raise ValidationError({"expires_at": _("The expiry must come after the publication.")},
                              code="expiry")
    for upload in data.get("attachments") or []:
        validate_upload(upload)
    bulletin._history_user = by  # type: ignore[attr-defined]
    bulletin.full_clean()
    bulletin.save()
    bulletin.audience.all().delete()
    BulletinAudience.objects.bulk_create(
        BulletinAudience(bulletin=bulletin, unit=unit) for unit in dict.fromkeys(units))
    bulletin.topics.all().delete()
    BulletinTopic.objects.bulk_create(
        BulletinTopic(bulletin=bulletin, topic=topic) for topic in set(data.get("topics") or []))
    reports = data.get("reports")
    if reports is not None:
        bulletin.answers_reports.set(
            OpinionReport.objects.visible_to(by).filter(pk__in=[r.pk for r in reports]))
    for upload in data.get("attachments") or []:
        BulletinAttachment.objects.create(bulletin=bulletin, file=upload,
                                          name=upload.name[:200])
    if bulletin.urgency == Bulletin.Urgency.URGENT and bulletin.publish_at <= timezone.now():
        _enqueue_emails(bulletin.pk)
    return bulletin


def _enqueue_emails(bulletin_id: int) -> None:
    from .tasks import send_urgent_bulletin

    transaction.on_commit(lambda: send_urgent_bulletin.delay(bulletin_id))


@transaction.atomic
def bulletin_publish(*, unit, data: Mapping[str, Any], by: User) -> Bulletin:
    """A new bulletin of `unit`, published at `data["publish_at"]` (now by default). An urgent
    one is emailed to its audience once the transaction commits, or, if it is scheduled, by
    the periodic task when its time comes."""
    return _save(Bulletin(unit=unit, author=by), by=by, data=data)


@transaction.atomic
def bulletin_update(*, bulletin: Bulletin, data: Mapping[str, Any], by: User) -> Bulletin:
    return _save(bulletin, by=by, data=data)


def bulletin_mark_read(*, bulletin: Bulletin, reader: User) -> bool:
    """The reader has opened the bulletin: one row per person and bulletin, whatever the
    number of times it is opened. True when this was the first time."""
    if not reader.is_authenticated:
        return False
    try:
        with transaction.atomic():
            _, created = BulletinRead.objects.get_or_create(bulletin=bulletin, user=reader)
    except IntegrityError:  # the same person opened it twice at once
        return False
    return created


def in_audience(bulletin: Bulletin, user: User) -> bool:
    return Bulletin.objects.filter(audience_match(user), pk=bulletin.pk).exists()


@transaction.atomic
def question_ask(*, bulletin: Bulletin, asker: User, text: str) -> BulletinQuestion:
    """A question from a person in the audience under a live bulletin. The asker is kept
    only to show them their question and to limit how many they send (see models)."""
    text = (text or "").strip()
    if not bulletin.is_live():
        raise ValidationError(_("This bulletin has expired: questions are closed."),
                              code="expired")
    if not in_audience(bulletin, asker):
        raise ValidationError(_("Only the people this bulletin is addressed to may ask about "
                                "it."), code="audience")
    today = timezone.localdate()
    asked = BulletinQuestion.objects.filter(asker=asker, asked_on=today).count()
    if asked >= questions_per_day():
        raise ValidationError(_("You have sent %(n)s questions today; please wait until "
                                "tomorrow.") % {"n": asked}, code="limit")
    question = BulletinQuestion(bulletin=bulletin, asker=asker, text=text, asked_on=today)
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def question_answer(*, question: BulletinQuestion, answer: str, by: User) -> BulletinQuestion:
    """The answer, shown to the whole audience under the bulletin."""
    require_change(by, question.bulletin.unit)
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError({"answer": _("Write the answer.")}, code="required")
    question.answer = answer
    question.answered_by = by
    question.answered_at = timezone.now()
    question._history_user = by  # type: ignore[attr-defined]
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def question_to_case(*, question: BulletinQuestion, by: User) -> Any:
    """A question that is really a grievance becomes a case of the grievance register,
    opened anonymously: the asker is never passed on. Returns the case's key; a second call
    opens nothing more."""
    require_change(by, question.bulletin.unit)
    if question.case_key:
        return question.case_key
    from directives.dialogue.cases.services import case_open  # bulletins → dialogue

    bulletin = question.bulletin
    topics = set(bulletin.topics.values_list("topic", flat=True))
    category = next((t for t in CASE_CATEGORIES if t in topics), "other")
    opened = case_open(by=by, unit=bulletin.unit, title=plain(question.text, limit=120),
                       description=question.text, source="bulletin", category=category,
                       kind="petition", raised_by=None, anonymous=True)
    question.case_key = opened.pk
    question._history_user = by  # type: ignore[attr-defined]
    question.save(update_fields=["case_key"])
    return opened.pk


def audience_users(bulletin: Bulletin):
    """Everyone a bulletin is addressed to (active accounts), as one query."""
    from django.db.models import Q

    paths = Q()
    for path in bulletin.audience.values_list("unit__path", flat=True):
        paths |= Q(unit__path__startswith=path)
    if not paths:
        return User.objects.none()
    people = User.objects.filter(paths, is_active=True)
    if bulletin.role_list:
        people = people.filter(role__in=bulletin.role_list)
    if bulletin.staff_group_list:
        people = people.filter(staff_group__in=bulletin.staff_group_list)
    if bulletin.kind == Bulletin.Kind.GUIDANCE:
        people = people.exclude(role=User.Role.MEMBER)
    return people


def _email(bulletin: Bulletin, person: User, connection) -> EmailMessage:
    subject = _("[Urgent] %(title)s") % {"title": bulletin.title}
    body = "\n\n".join([
        pgettext("bulletin email", "Dear %(name)s,")
        % {"name": person.full_name or person.username},
        _("%(unit)s has published urgent information:") % {"unit": bulletin.unit},
        bulletin.title, plain(bulletin.body, limit=1500),
        _("Read it in full: %(url)s") % {"url": absolute_url(bulletin.get_absolute_url())},
    ])
    return EmailMessage(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL,
                        [person.email], connection=connection)


def urgent_emails_send(*, bulletin_id: int) -> int:
    """Email an urgent, live bulletin to everyone in its audience with an address, in
    batches; each batch is recorded once sent, so a retry or a second run mails nobody
    twice. Returns the number of emails sent."""
    bulletin = Bulletin.objects.select_related("unit").filter(pk=bulletin_id).first()
    if bulletin is None or bulletin.urgency != Bulletin.Urgency.URGENT or not bulletin.is_live():
        return 0
    pending = (audience_users(bulletin).exclude(email="")
               .exclude(pk__in=BulletinEmail.objects.filter(bulletin=bulletin)
                        .values("user_id")).order_by("pk"))
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        while batch := list(pending[:EMAIL_BATCH]):
            with transaction.atomic():
                BulletinEmail.objects.bulk_create(
                    [BulletinEmail(bulletin=bulletin, user=person) for person in batch],
                    ignore_conflicts=True)
                with get_connection() as connection:
                    connection.send_messages([_email(bulletin, p, connection) for p in batch])
            sent += len(batch)
    Bulletin.objects.filter(pk=bulletin.pk, emailed_at__isnull=True).update(
        emailed_at=timezone.now())
    return sent


def urgent_bulletins_due(now=None) -> list[int]:
    """Urgent bulletins whose publication time has come and that were not emailed yet (a
    scheduled one; one published at once is sent when it is saved)."""
    now = now or timezone.now()
    return list(Bulletin.objects.live(now).filter(
        urgency=Bulletin.Urgency.URGENT, emailed_at__isnull=True,
        publish_at__gte=now - timedelta(days=7)).values_list("pk", flat=True))

