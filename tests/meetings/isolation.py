"""The meetings area's part of tests/test_isolation.py: a BK meeting and one of its actions
(in the hands of the BK officer, so the BK collaborator and member are outsiders to both)."""

from __future__ import annotations

from datetime import timedelta


def objects(bk, users) -> dict:
    from django.utils import timezone

    from directives.meetings.models import Action, Meeting
    from tests.meetings.factories import make_action, make_meeting

    meeting = (Meeting.objects.filter(unit=bk).order_by("pk").first()
               or make_meeting(bk, day=timezone.localdate() - timedelta(days=3)))
    action = (Action.objects.filter(unit=bk, owner=users["officer"]).order_by("pk").first()
              or make_action(meeting, users["officer"]))
    return {"meeting": meeting, "action": action}


TARGETS = {
    "meetings:detail": lambda o: ({"pk": o["meeting"].pk}, [o["meeting"]]),
    "meetings:edit": lambda o: ({"pk": o["meeting"].pk}, [o["meeting"]]),
    "meetings:attendance": lambda o: ({"pk": o["meeting"].pk}, [o["meeting"]]),
    "meetings:action_create": lambda o: ({"pk": o["meeting"].pk}, [o["meeting"]]),
    "meetings:action": lambda o: ({"pk": o["action"].pk}, [o["action"]]),
}

BODIES = {
    "meetings:edit": lambda o: {"place": "Nơi khác", "chair": "X", "secretary": "Y"},
    "meetings:attendance": lambda o: {"guests": "Người lạ, Khách"},
    "meetings:action_create": lambda o: {"title": "Việc lạ", "due_on": "01/01/2030"},
    "meetings:action": lambda o: {"status": "done", "note": "Xong"},
}
