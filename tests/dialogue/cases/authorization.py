"""The grievance register's calls for tests/test_service_authorization.py: every service of
`directives.dialogue.cases.services` that acts for a unit, on cases of the Bách khoa union
(BK). `cases()` maps a service's name to a function (world, actor) -> (rows that must not
change, the call); tests/dialogue/cases/test_authorization.py runs them.

Three services act for a person, not a unit, and are checked where that is the point:
`case_raise_by_member` and `case_reopen` (the member's own case: test_workflow.py) and
`case_name_read` (handlers only, every read logged: test_privacy.py, test_security.py);
`case_from_survey_answer` needs a closed survey's answer (test_privacy.py)."""

from __future__ import annotations

PERSONAL = {"case_raise_by_member", "case_reopen", "case_name_read", "case_from_survey_answer"}


class CaseWorld:
    """BK cases at each stage a service starts from, and a BK opinion report."""

    def __init__(self, units, accounts):
        from directives.dialogue.cases import services as s
        from tests.collaborators.factories import OpinionReportFactory
        from tests.dialogue.cases.factories import open_case

        officer = accounts["officer"]
        self.bk = units["BK"]
        self.new = open_case(officer, units["BK"])
        self.accepted = open_case(officer, units["BK"], title="Thiếu phòng làm việc")
        s.case_intake(case=self.accepted, by=officer, outcome="accepted")
        self.answered = open_case(officer, units["BK"], title="Chậm thanh toán giờ giảng")
        s.case_intake(case=self.answered, by=officer, outcome="accepted")
        s.case_answer(case=self.answered, by=officer, answer="Đã thanh toán trong tháng.")
        for case in (self.new, self.accepted, self.answered):
            case.refresh_from_db()
        self.opinion = OpinionReportFactory(unit=units["BK"], author=accounts["collaborator"])


def cases() -> dict:
    from directives.dialogue.cases import services as s

    return {
        "case_open": lambda w, by: ([], lambda: s.case_open(
            by=by, unit=w.bk, title="Nhà xe quá tải", description="Sáng nào cũng hết chỗ.",
            source="email")),
        "case_from_opinion_report": lambda w, by: ([w.opinion], lambda: (
            s.case_from_opinion_report(report=w.opinion, by=by))),
        "case_intake": lambda w, by: ([w.new], lambda: s.case_intake(
            case=w.new, by=by, outcome="accepted")),
        "case_start": lambda w, by: ([w.accepted], lambda: s.case_start(
            case=w.accepted, by=by)),
        "case_answer": lambda w, by: ([w.accepted], lambda: s.case_answer(
            case=w.accepted, by=by, answer="Nhà trường đã bố trí phòng.")),
        "case_decline": lambda w, by: ([w.accepted], lambda: s.case_decline(
            case=w.accepted, by=by, reason="Không thuộc thẩm quyền.")),
        "case_close": lambda w, by: ([w.answered], lambda: s.case_close(
            case=w.answered, by=by)),
        "case_note": lambda w, by: ([w.new], lambda: s.case_note(
            case=w.new, by=by, body="Đã gọi điện cho phòng Quản trị.")),
        "case_assign": lambda w, by: ([w.new], lambda: s.case_assign(
            case=w.new, by=by, owner=None)),
        "case_link": lambda w, by: ([w.new], lambda: s.case_link(
            case=w.new, by=by, lead=w.accepted)),
        "case_escalate": lambda w, by: ([w.new], lambda: s.case_escalate(case=w.new, by=by)),
        "answer_template_save": lambda w, by: ([], lambda: s.answer_template_save(
            by=by, unit=w.bk, title="Chuyển phòng chức năng",
            body="Công đoàn đã chuyển kiến nghị đến phòng chức năng.")),
    }
