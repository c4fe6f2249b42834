"""The inspections area's calls for tests/test_service_authorization.py: every service that
takes an actor, on records of the Bách khoa union (BK) and of its departmental union
BK-KHMT, which the BK union inspects itself. `cases()` maps a service's name to a function
(world, actor) -> (rows that must not change, the call). tests/inspections/
test_authorization.py runs them the same way the shared test does."""

from __future__ import annotations

from datetime import date, timedelta

from tests.inspections.conftest import TODAY, advance, full_scores, plan


class InspectionWorld:
    """BK records in every state, all made before a case's fingerprint is taken."""

    def __init__(self, units, accounts):
        from directives.inspections import services as s
        from tests.factories import UserFactory

        self.units, self.accounts = units, accounts
        officer = accounts["officer"]
        self.chair = UserFactory(unit=units["BK-KHMT"], role="officer")
        self.programme = s.programme_create(unit=units["BK"], year=2026, by=officer,
                                            title="Kế hoạch kiểm tra 2026")

        def at(status):
            return advance(plan(self.programme, units["BK-KHMT"], officer), status,
                           team=officer, unit_officer=self.chair)

        self.planned, self.notified = at("planned"), at("notified")
        self.reported, self.verified = at("self_reported"), at("verified")
        self.concluded = at("verified")
        self.open_item = s.recommendation_add(inspection=self.concluded, text="Kiện toàn tổ.",
                                              owner=self.chair, due_on=TODAY, by=officer)
        self.answered = s.recommendation_add(inspection=self.concluded, text="Báo cáo.",
                                             owner=self.chair, due_on=TODAY, by=officer)
        s.inspection_conclude(inspection=self.concluded, rating="fair", conclusion="Khá.",
                              concluded_on=TODAY, by=officer)
        s.recommendation_answer(recommendation=self.answered, note="Đã làm.", by=self.chair)
        self.directive = _directive(units, accounts)
        self.review = s.review_create(directive=self.directive, unit=units["BK"],
                                      kind="six_month", title="Sơ kết 6 tháng",
                                      period_start=date(2026, 1, 1),
                                      period_end=date(2026, 6, 30), due_on=date(2026, 7, 15),
                                      by=officer)
        for name in ("planned", "notified", "reported", "verified", "concluded", "open_item",
                     "answered"):
            getattr(self, name).refresh_from_db()


def _directive(units, accounts):
    from django.utils import timezone

    from directives.models import Directive, DirectiveTask

    directive = Directive.objects.create(
        unit=units["CDDHQG"], number="9/CĐ-ĐHQG", issued_on=date(2026, 1, 5), issuer="BTV",
        subject="Về dư luận xã hội", status="published", published_at=timezone.now())
    DirectiveTask.objects.create(directive=directive, number=1, title="Kiện toàn mạng lưới",
                                 area="network", rhythm="once", due_on=date(2026, 6, 30))
    return directive


def _plan_data(w: InspectionWorld) -> dict:
    return {"unit": w.units["BK-KHMT"], "purpose": "Kiểm tra.", "content": "Nội dung.",
            "starts_on": TODAY, "ends_on": TODAY + timedelta(days=1),
            "head": w.accounts["officer"], "team": []}


def cases() -> dict:
    from directives.inspections import services as s

    return {
        "programme_create": lambda w, by: ([], lambda: s.programme_create(
            unit=w.units["BK"], year=2027, title="Kế hoạch 2027", by=by)),
        "inspection_plan": lambda w, by: ([w.programme], lambda: s.inspection_plan(
            programme=w.programme, data=_plan_data(w), by=by)),
        "inspection_update_plan": lambda w, by: ([w.planned], lambda: (
            s.inspection_update_plan(inspection=w.planned, data={"purpose": "Mới."}, by=by))),
        "inspection_notify": lambda w, by: ([w.planned], lambda: s.inspection_notify(
            inspection=w.planned, sent_on=TODAY, by=by)),
        "inspection_self_report": lambda w, by: ([w.notified], lambda: (
            s.inspection_self_report(inspection=w.notified, report="Tự kiểm tra.",
                                     scores=full_scores(w.notified, 1), by=by))),
        "inspection_verify": lambda w, by: ([w.reported], lambda: s.inspection_verify(
            inspection=w.reported, verified_on=TODAY, record="Đã xác minh.",
            scores=full_scores(w.reported, 1), by=by)),
        "inspection_conclude": lambda w, by: ([w.verified], lambda: s.inspection_conclude(
            inspection=w.verified, rating="good", conclusion="Tốt.", concluded_on=TODAY,
            by=by)),
        "recommendation_add": lambda w, by: ([w.verified], lambda: s.recommendation_add(
            inspection=w.verified, text="Kiện toàn.", owner=w.chair, due_on=TODAY, by=by)),
        "recommendation_answer": lambda w, by: ([w.open_item], lambda: (
            s.recommendation_answer(recommendation=w.open_item, note="Đã làm.", by=by))),
        "recommendation_accept": lambda w, by: ([w.answered], lambda: (
            s.recommendation_accept(recommendation=w.answered, by=by))),
        "recommendation_return": lambda w, by: ([w.answered], lambda: (
            s.recommendation_return(recommendation=w.answered, reason="Thiếu minh chứng.",
                                    by=by))),
        "inspection_schedule_reinspection": lambda w, by: ([w.concluded], lambda: (
            s.inspection_schedule_reinspection(inspection=w.concluded, starts_on=TODAY,
                                               ends_on=TODAY, by=by))),
        "review_create": lambda w, by: ([], lambda: s.review_create(
            directive=w.directive, unit=w.units["BK"], kind="annual", title="Tổng kết năm",
            period_start=date(2026, 1, 1), period_end=date(2026, 12, 31),
            due_on=date(2027, 1, 15), by=by)),
        "review_assess": lambda w, by: ([w.review], lambda: s.review_assess(
            review=w.review, unit=w.units["BK-KHMT"], by=by,
            rows={t.pk: ("done", "Có biên bản.", "") for t in w.directive.tasks.all()})),
        "review_rate": lambda w, by: ([w.review], lambda: s.review_rate(
            review=w.review, unit=w.units["BK-KHMT"], rating="good", by=by)),
    }
