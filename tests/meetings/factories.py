from datetime import datetime, time, timedelta

from django.utils import timezone

from directives.meetings.models import Action, Meeting


def at(day, hour=14):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def make_meeting(unit, *, day=None, kind=Meeting.Kind.REGULAR, group="", **fields):
    day = day or timezone.localdate() - timedelta(days=3)
    starts = at(day)
    return Meeting.objects.create(
        unit=unit, level=Meeting.level_for(unit), kind=kind, group=group, starts_at=starts,
        ends_at=starts + timedelta(hours=2), **{"place": "Phòng họp B4",
                                                "chair": "Nguyễn Văn Phúc",
                                                "secretary": "Huỳnh Thị Mỹ Linh", **fields})


def make_action(meeting, owner, *, due_on=None, status="not_started", **fields):
    due_on = due_on or timezone.localdate() + timedelta(days=10)
    return Action.objects.create(meeting=meeting, unit=meeting.unit, owner=owner, due_on=due_on,
                                 status=status, title=fields.pop("title", "Tổng hợp ý kiến"),
                                 completed_on=due_on if status == "done" else None, **fields)
