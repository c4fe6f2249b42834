"""The grievance register's part of tests/test_isolation.py (see that module)."""

from __future__ import annotations


def objects(bk, users) -> dict:
    """A BK case raised by nobody of the walk's accounts, an answer template of BK, a BK
    survey's free-text question."""
    from directives.dialogue.cases import services
    from directives.dialogue.models import AnswerTemplate, Case
    from surveys.models import Question, Survey

    case = (Case.objects.filter(unit=bk, anonymous=False, raised_by__isnull=True,
                                stage="accepted").order_by("received_on").first()
            or services.case_open(by=users["officer"], unit=bk, title="Kiến nghị thử",
                                  description="Nội dung.", source="email"))
    if not case.attachment:
        from django.core.files.base import ContentFile

        case.attachment.save("tep.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    template = (AnswerTemplate.objects.filter(unit=bk).first()
                or services.answer_template_save(by=users["officer"], unit=bk,
                                                 title="Mẫu thử", body="Nội dung."))
    survey = (Survey.objects.filter(owner_unit=bk, questions__kind__in=Question.TEXT_KINDS)
              .order_by("pk").first())
    question = survey.questions.filter(kind__in=Question.TEXT_KINDS).order_by("pk").first()
    return {"case": case, "template": template, "survey": survey, "question": question}


def _case(o):
    return {"pk": o["case"].pk}, [o["case"]]


TARGETS = {
    **{f"dialogue:{name}": _case for name in (
        "case_detail", "case_intake", "case_start", "case_answer", "case_decline",
        "case_note", "case_close", "case_escalate", "case_assign", "case_link",
        "case_attachment", "my_case", "my_case_reopen")},
    "dialogue:case_template_edit": lambda o: ({"pk": o["template"].pk}, [o["template"]]),
    "dialogue:case_from_survey": lambda o: (
        {"survey_id": o["survey"].pk, "question_id": o["question"].pk},
        [o["survey"], o["question"]]),
}

BODIES = {
    "dialogue:case_intake": lambda o: {"outcome": "accepted"},
    "dialogue:case_answer": lambda o: {"answer": "Trả lời.", "confirmed": "True"},
    "dialogue:case_decline": lambda o: {"body": "Lý do."},
    "dialogue:case_note": lambda o: {"body": "Ghi chú."},
    "dialogue:case_link": lambda o: {"lead": ""},
    "dialogue:case_template_edit": lambda o: {"unit": o["template"].unit_id, "title": "Đổi",
                                              "body": "Đổi."},
    "dialogue:my_case_reopen": lambda o: {"body": "Chưa ổn."},
}
