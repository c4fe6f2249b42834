"""The inspections area's part of tests/test_isolation.py: BK objects from the demo seed.

The BK union inspects its own departmental unions (its programme of the year), so the BK
officer is the team's side of those inspections and reaches every page, while the KHTN
officer, a BK collaborator and a BK member must be refused."""

from __future__ import annotations

from django.core.files.base import ContentFile

PDF = b"%PDF-1.4\n%%EOF\n"


def objects(bk, users) -> dict:
    from directives.inspections.models import Inspection, InspectionProgramme, Review

    programme = InspectionProgramme.objects.filter(unit=bk).order_by("pk").first()
    inspection = (Inspection.objects.filter(programme=programme,
                                            recommendations__isnull=False)
                  .order_by("pk").first())
    if not inspection.self_report_file:
        inspection.self_report_file.save("tu-bao-cao.pdf", ContentFile(PDF))
    item = inspection.recommendations.order_by("pk").first()
    if not item.evidence:
        item.evidence.save("minh-chung.pdf", ContentFile(PDF))
    return {"programme": programme, "inspection": inspection, "item": item,
            "owner": item.owner, "review": Review.objects.filter(unit=bk).order_by("pk").first()}


def _inspection(o):
    return {"pk": o["inspection"].pk}, [o["inspection"]]


def _item(o):
    return {"pk": o["item"].pk}, [o["item"], o["inspection"]]


def _review(o):
    return {"pk": o["review"].pk}, [o["review"]]


TARGETS = {
    "inspections:programme": lambda o: ({"pk": o["programme"].pk}, [o["programme"]]),
    "inspections:inspection_add": lambda o: ({"pk": o["programme"].pk}, [o["programme"]]),
    **{f"inspections:{name}": _inspection for name in (
        "detail", "plan_edit", "notify", "self_report", "verify", "conclude",
        "recommendation_add", "reinspect")},
    "inspections:attachment": lambda o: ({"pk": o["inspection"].pk, "which": "tu-bao-cao"},
                                         [o["inspection"]]),
    **{f"inspections:{name}": _item for name in (
        "recommendation", "recommendation_answer", "recommendation_review",
        "recommendation_evidence")},
    **{f"inspections:{name}": _review for name in ("review", "review_assess", "review_rate")},
}

DAY = "15/12/2026"
BODIES = {
    "inspections:notify": lambda o: {"sent_on": DAY, "notice": "Thông báo"},
    "inspections:conclude": lambda o: {"rating": "good", "conclusion": "Tốt.",
                                       "concluded_on": DAY},
    "inspections:recommendation_add": lambda o: {"text": "Kiện toàn.", "due_on": DAY,
                                                 "owner": str(o["owner"].pk)},
    "inspections:reinspect": lambda o: {"starts_on": DAY, "ends_on": DAY},
    "inspections:recommendation_answer": lambda o: {"note": "Đã thực hiện."},
    "inspections:recommendation_review": lambda o: {"action": "return", "reason": "Thiếu."},
    "inspections:review_rate": lambda o: {"rating": "good"},
    "inspections:inspection_add": lambda o: {"purpose": "x", "content": "y",
                                             "starts_on": DAY, "ends_on": DAY},
}
