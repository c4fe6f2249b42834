"""axe-core finds nothing to fix on any page type of any role, on a phone and a desktop.

axe comes from the npm lock (node_modules/axe-core), injected into the page as it stands,
and runs every rule it has for WCAG 2.0/2.1 level A and AA, colour contrast included, on
the colours the browser really computed. The data is the whole demo."""

from __future__ import annotations

from functools import cache
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ROLES = ["anonymous", "member", "collaborator", "officer", "officer2", "committee", "admin"]


def url(name: str, *args) -> str:
    return reverse(name, args=args)


def first(queryset):
    record = queryset.order_by("pk").first()
    assert record is not None, f"the demo has no {queryset.model.__name__} for this page"
    return record.pk


def member_pages(user) -> dict[str, str]:
    from surveys.models import Invitation, Survey

    invited = Invitation.objects.filter(user=user, used=False, survey__status=Survey.Status.OPEN)
    published = Survey.objects.filter(results_published_at__isnull=False)
    pages = {"home": url("home"), "my surveys": url("surveys:mine"),
             "answer by open link": url("surveys:answer_open",
                                        invited.values_list("survey", flat=True).first())}
    pages["dialogue progress"] = url("dialogue:progress")
    pages["my concerns"] = url("dialogue:my_cases")
    pages["raise a concern"] = url("dialogue:my_case_new")
    pages["good practices"] = url("practices:library")
    pages.update(bulletin_pages(user))
    if published.exists():
        pages["published results"] = url("surveys:published", first(published))
    return pages


def collaborator_pages(user) -> dict[str, str]:
    from collaborators.models import Collaborator, OpinionReport, Training

    return {
        "home": url("home"),
        "report form": url("collaborators:report_new"),
        "opinion reports": url("collaborators:report_list"),
        "opinion report": url("collaborators:report_detail",
                              first(OpinionReport.objects.visible_to(user))),
        "own record": url("collaborators:detail", first(Collaborator.objects.filter(account=user))),
        "trainings": url("collaborators:training_list"),
        "training": url("collaborators:training_detail", first(Training.objects.visible_to(user))),
    }


def officer_pages(user) -> dict[str, str]:
    from collaborators.models import Collaborator, OpinionReport, Training
    from portal.models import Unit
    from reports.models import Report
    from surveys.models import Survey

    survey = first(Survey.objects.visible_to(user).exclude(status=Survey.Status.DRAFT))
    training = first(Training.objects.visible_to(user))
    return {
        "home": url("home"),
        "roster": url("collaborators:list"),
        "collaborator": url("collaborators:detail", first(Collaborator.objects.visible_to(user))),
        "collaborator form": url("collaborators:create"),
        "roster import": url("collaborators:import"),
        "trainings": url("collaborators:training_list"),
        "training": url("collaborators:training_detail", training),
        "attendance": url("collaborators:training_attendance", training),
        "coverage": url("collaborators:coverage"),
        "hot topics": url("collaborators:hot_topics"),
        "opinion reports": url("collaborators:report_list"),
        "opinion report": url("collaborators:report_detail",
                              first(OpinionReport.objects.visible_to(user))),
        "surveys": url("surveys:list"),
        "new survey": url("surveys:create"),
        "survey": url("surveys:detail", survey),
        "builder": url("surveys:builder", survey),
        "results": url("surveys:results", survey),
        "dashboard": url("reports:dashboard"),
        "reports": url("reports:list"),
        **unit_report_pages(user),
        "report": url("reports:detail", first(Report.objects.visible_to(user))),
        "units": url("portal:unit_list"),
        "unit": url("portal:unit_detail", first(Unit.objects.visible_to(user))),
        **dialogue_session_pages(user),
        **grievance_pages(user),
        **practice_pages(user),
        **meeting_pages(user),
        **directive_pages(user),
        **bulletin_pages(user),
        **inspection_pages(user),
    }


def bulletin_pages(user) -> dict[str, str]:
    from directives.bulletins.models import Bulletin

    pages = {"official information": url("bulletins:list"),
             "bulletin": url("bulletins:detail", first(Bulletin.objects.to(user)))}
    if user.is_officer or user.is_committee:
        mine = first(Bulletin.objects.changeable_by(user))
        pages |= {"bulletins issued": url("bulletins:manage"),
                  "bulletin form": url("bulletins:new"),
                  "bulletin edit": url("bulletins:edit", mine),
                  "bulletin reach": url("bulletins:reach", mine)}
    if user.is_committee:
        pages["time to orient"] = url("bulletins:orient")
    return pages


def directive_pages(user) -> dict[str, str]:
    from directives.models import Directive, TaskProgress

    directive = first(Directive.objects.visible_to(user).published())
    return {"directives": url("directives:list"),
            "directive": url("directives:detail", directive),
            "directive form": url("directives:create"),
            "directive task form": url("directives:task_create",
                                       first(Directive.objects.changeable_by(user))),
            "progress matrix": url("directives:matrix", directive),
            "my units' progress": url("directives:progress_list"),
            "task progress": url("directives:progress",
                                 first(TaskProgress.objects.changeable_by(user)))}


def unit_report_pages(user) -> dict[str, str]:
    from reports.models import UnitReport

    mine = UnitReport.objects.changeable_by(user)
    return {"unit opinion reports": url("reports:unit_report_list"),
            "unit opinion report": url("reports:unit_report_detail",
                                       first(mine.exclude(status="draft"))),
            "unit opinion report form": url("reports:unit_report_edit",
                                            first(mine.filter(status="draft"))),
            "new unit opinion report": url("reports:unit_report_new")}


def practice_pages(user) -> dict[str, str]:
    from directives.practices.models import Practice

    others = Practice.objects.endorsed().exclude(unit=user.unit_id)  # adoptable by the user
    return {"good practices": url("practices:library"),
            "good practice": url("practices:detail", first(Practice.objects.endorsed())),
            "good practice form": url("practices:create"),
            "good practice edit": url("practices:edit",
                                      first(Practice.objects.changeable_by(user))),
            "good practice adoption": url("practices:adopt", first(others))}


def meeting_pages(user) -> dict[str, str]:
    from directives.meetings.models import Action, Meeting

    meeting = first(Meeting.objects.changeable_by(user).past())
    return {"meetings": url("meetings:list"), "meeting": url("meetings:detail", meeting),
            "meeting form": url("meetings:edit", meeting),
            "meeting attendance": url("meetings:attendance", meeting),
            "meeting action form": url("meetings:action_create", meeting),
            "follow-up actions": url("meetings:actions"),
            "follow-up action": url("meetings:action", first(Action.objects.visible_to(user))),
            "who met": url("meetings:cadence")}


def dialogue_session_pages(user) -> dict[str, str]:
    from directives.dialogue.models import DialogueSession

    session = first(DialogueSession.objects.visible_to(user).exclude(chair=""))
    return {"dialogue sessions": url("dialogue:session_list"),
            "dialogue session": url("dialogue:session_detail", session),
            "dialogue minutes": url("dialogue:session_minutes", session),
            "dialogue commitments": url("dialogue:commitment_list"),
            "dialogue conferences": url("dialogue:overview")}


def grievance_pages(user) -> dict[str, str]:
    from directives.dialogue.models import Case

    case = first(Case.objects.changeable_by(user).filter(stage="accepted"))
    return {"cases": url("dialogue:case_queue"), "case": url("dialogue:case_detail", case),
            "case as the member sees it": url("dialogue:my_case", case),
            "new case": url("dialogue:case_new"), "case figures": url("dialogue:case_overview"),
            "answer templates": url("dialogue:case_templates")}


def inspection_pages(user) -> dict[str, str]:
    from directives.inspections.models import Inspection, Recommendation, Review

    led = Inspection.objects.led_by(user)
    review = first(Review.objects.changeable_by(user))
    return {"inspections": url("inspections:index"),
            "inspection": url("inspections:detail", first(led.filter(status="concluded"))),
            "inspection verification": url("inspections:verify", first(led)),
            "inspection plan form": url("inspections:plan_edit", first(led)),
            "inspection recommendations": url("inspections:recommendations"),
            "inspection recommendation": url("inspections:recommendation", first(
                Recommendation.objects.visible_to(user).filter(review="answered"))),
            "inspection ratings": url("inspections:ratings"),
            "reviews": url("inspections:reviews"), "review": url("inspections:review", review),
            "review self-assessment": url("inspections:review_assess", review),
            "review rating": url("inspections:review_rate", review)}


def committee_pages(user) -> dict[str, str]:
    from surveys.models import Survey

    pages = officer_pages(user)
    closed = Survey.objects.visible_to(user).filter(status=Survey.Status.CLOSED)
    pages["results of a closed survey"] = url("surveys:results", first(closed))
    pages["change history"] = url("portal:audit_log")
    pages["who reported"] = url("reports:unit_report_status")
    return pages


def anonymous_pages() -> dict[str, str]:
    from surveys.models import Invitation, Survey
    from surveys.tokens import token_for

    invitation = Invitation.objects.filter(used=False, survey__status=Survey.Status.OPEN).first()
    return {"login": url("login"), "password reset": url("password_reset"),
            "password reset sent": url("password_reset_done"),
            "receipt look-up": url("dialogue:case_receipt"),
            "answer by token": url("surveys:answer_token", token_for(invitation))}


def pages_for(role: str) -> dict[str, str]:
    from portal.models import User

    if role == "anonymous":
        return anonymous_pages()
    user = User.objects.get(username=role)
    pages = {"home": url("home"), "password change": url("password_change")}
    if role == "admin":
        return pages
    if role == "officer2":  # the officer's page types, seen from another school
        return pages | {"roster": url("collaborators:list"), "surveys": url("surveys:list"),
                        "coverage": url("collaborators:coverage"),
                        "dashboard": url("reports:dashboard")}
    pages.update({"member": member_pages, "collaborator": collaborator_pages,
                  "officer": officer_pages, "committee": committee_pages}[user.role](user))
    return pages | help_pages(role)


def help_pages(role: str) -> dict[str, str]:
    for name in ("help", "portal:help"):
        try:
            return {"help": url(name)}
        except NoReverseMatch:
            continue
    return {}


@cache
def axe_source() -> str:
    return AXE.read_text()


def violations_on(page, address: str) -> list[str]:
    page.goto(address)  # no page loads content after its load event (reports poll later)
    page.add_script_tag(content=axe_source())
    found = page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: "tag", values: tags},
                                                       resultTypes: ["violations"]}))
               .violations.map(v => `${v.id} (${v.impact}) x${v.nodes.length}: `
                 + v.nodes.slice(0, 3).map(n => n.target.join(" ")
                   + " — " + (n.failureSummary || "").split("\\n").slice(1).join(" "))
                   .join(" | "))""",
        TAGS,
    )
    return found


@pytest.fixture
def demo_data(transactional_db):
    call_command("seed_demo", stdout=StringIO())


def test_axe_finds_no_violation_on_any_page_of_any_role(page, demo_data):
    problems = []
    for role in ROLES:
        page.context.clear_cookies()
        if role != "anonymous":
            log_in(page, role)
        for name, path in pages_for(role).items():
            problems += [f"{role} / {name} ({path}): {violation}"
                         for violation in violations_on(page, page.base_url + path)]
    assert not problems, f"{len(problems)} violation(s) on {page.viewport_name}:\n" + "\n".join(
        problems)
