"""Every coverage figure on a small data set whose answers are worked out by hand."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from collaborators.models import Collaborator
from collaborators.selectors import composition, coverage_by_unit, coverage_summary
from tests.factories import UnitFactory

from .factories import CollaboratorFactory, TrainingFactory, attend

pytestmark = pytest.mark.django_db

ACTIVE, PAUSED, ENDED = (Collaborator.Status.ACTIVE, Collaborator.Status.PAUSED,
                         Collaborator.Status.ENDED)


@pytest.fixture
def network(units):
    """BK (900 members) and below: BK itself 3 active + 1 paused + 1 ended, BK-CK 2 active,
    BK-KHMT-T1 (under BK-KHMT, 110 members) 1 active. KHTN (800): 20 active. QT (450): none.

    Trained in the last 12 months: 2 of BK's active people and 1 of BK-CK's, plus the paused
    one (who does not count). BK-KHMT-T1's person was trained 13 months ago only."""
    today = timezone.localdate()
    year = today.year
    bk = [CollaboratorFactory(unit=units["BK"], group=g, gender=s, birth_year=y)
          for g, s, y in [("lecturer", "female", year - 25), ("lecturer", "female", year - 30),
                          ("leader", "male", year - 39)]]
    paused = CollaboratorFactory(unit=units["BK"], status=PAUSED, birth_year=year - 45)
    CollaboratorFactory(unit=units["BK"], status=ENDED)
    ck = [CollaboratorFactory(unit=units["BK-CK"], group=g, gender=s, birth_year=y)
          for g, s, y in [("lecturer", "female", year - 40), ("young", "female", year - 60)]]
    t1 = CollaboratorFactory(unit=units["BK-KHMT-T1"], group="worker", gender="",
                             birth_year=None)
    for _ in range(20):
        CollaboratorFactory(unit=units["KHTN"])
    recent = TrainingFactory(organiser=units["BK"], held_on=today - timedelta(days=30))
    old = TrainingFactory(organiser=units["CDDHQG"], held_on=today - timedelta(days=395))
    attend(recent, bk[0], bk[1], ck[0], paused)
    attend(old, t1, bk[0])
    return {"bk": bk, "ck": ck, "t1": t1}


def by_code(rows):
    return {row.unit.code: row for row in rows}


def test_coverage_of_each_unit_counts_its_subtree(network, units):
    rows = by_code(coverage_by_unit([units[c] for c in ("BK", "BK-KHMT", "KHTN", "QT")],
                                    target=2))
    bk = rows["BK"]
    assert (bk.members, bk.collaborators, bk.trained) == (900, 6, 3)
    assert bk.per_100 == pytest.approx(6 / 900 * 100)  # 0.67 per 100 members
    assert bk.trained_share == pytest.approx(50.0)
    assert bk.below_target
    khmt = rows["BK-KHMT"]
    assert (khmt.members, khmt.collaborators, khmt.trained) == (110, 1, 0)
    assert khmt.trained_share == 0
    khtn = rows["KHTN"]
    assert khtn.per_100 == pytest.approx(2.5) and not khtn.below_target
    qt = rows["QT"]
    assert (qt.collaborators, qt.per_100, qt.trained_share) == (0, 0, None)
    assert qt.below_target  # no one at all is below any target
    assert list(rows) == ["BK", "BK-KHMT", "KHTN", "QT"]  # tree order


def test_a_unit_without_a_member_count_has_no_ratio_and_is_not_flagged(units):
    empty = UnitFactory(parent=units["BK"], member_count=0)
    CollaboratorFactory(unit=empty)
    [row] = coverage_by_unit([empty])
    assert row.members_missing and row.per_100 is None and not row.below_target


def test_members_of_a_unit_without_its_own_count_are_its_sub_units(units):
    parent = UnitFactory(member_count=0)
    UnitFactory(parent=parent, member_count=40)
    UnitFactory(parent=parent, member_count=60)
    CollaboratorFactory(unit=parent)
    [row] = coverage_by_unit([parent])
    assert row.members == 100 and row.per_100 == pytest.approx(1.0)


def test_the_target_is_a_setting(network, units, settings):
    settings.COLLABORATORS_TARGET_PER_100 = 0.5
    assert not by_code(coverage_by_unit([units["BK"]]))["BK"].below_target
    settings.COLLABORATORS_TARGET_PER_100 = 3
    assert by_code(coverage_by_unit([units["KHTN"]]))["KHTN"].below_target


def test_the_training_window_moves_with_the_day_asked_about(network, units):
    later = timezone.localdate() + timedelta(days=340)  # the recent training is 370 days old
    assert by_code(coverage_by_unit([units["BK"]], on=later))["BK"].trained == 0


def test_composition_by_group_gender_age_and_role(network, units):
    people = Collaborator.objects.active().in_subtree(units["BK"])
    c = composition(people)
    assert c.total == 6
    groups = {s.key: (s.count, round(s.share, 1)) for s in c.by_group}
    assert groups["lecturer"] == (3, 50.0) and groups["leader"] == (1, 16.7)
    assert groups["young"] == (1, 16.7) and groups["worker"] == (1, 16.7)
    assert groups["researcher"] == (0, 0.0)
    assert sum(s.count for s in c.by_group) == 6
    genders = {s.key: s.count for s in c.by_gender}
    assert genders == {"female": 4, "male": 1, "other": 0, "": 1}
    ages = {s.key: s.count for s in c.by_age}
    # ages 25 | 30, 39 | 40 | 60 | unknown (the paused 45-year-old does not count)
    assert ages == {"u30": 1, "30-39": 2, "40-49": 1, "50-59": 0, "60+": 1,
                    "unknown": 1}
    assert {s.key: s.count for s in c.by_role}["collaborator"] == 6


def test_summary_for_an_officer_is_their_unit_and_the_units_right_below(network, units):
    summary = coverage_summary(unit=units["BK"], target=1.5)
    assert summary.total.unit == units["BK"] and summary.total.collaborators == 6
    assert [r.unit.code for r in summary.units] == ["BK-CK", "BK-KHMT", "BK-DDT"]
    assert [r.collaborators for r in summary.units] == [2, 1, 0]
    assert summary.composition.total == 6
    # BK-CK: 2 per 120 = 1.67; BK-KHMT: 1 per 110 = 0.91; BK-DDT: none
    assert {r.unit.code for r in summary.below_target} == {"BK-KHMT", "BK-DDT"}


def test_summary_for_everything_adds_up_the_top_units(network, units):
    summary = coverage_summary(target=2)
    assert summary.total.unit is None
    assert summary.total.members == units["CDDHQG"].member_count == 4910
    assert summary.total.collaborators == 6 + 20
    assert summary.total.trained == 3
    assert summary.total.per_100 == pytest.approx(26 / 4910 * 100)
    assert len(summary.units) == 13  # the grassroots unions
    assert summary.composition.total == 26


def test_coverage_page_for_an_officer(client_for, accounts, network, units):
    response = client_for(accounts["officer"]).get(reverse("collaborators:coverage"))
    page = response.content.decode()
    assert response.context["summary"].total.unit == units["BK"]
    assert "Công đoàn bộ phận Khoa Cơ khí" in page and "Khoa học Tự nhiên" not in page
    assert page.count("<svg") == 6 and "Cộng tác viên trên 100 đoàn viên" in page
    assert "0,7" in page  # 0.67 per 100 members, Vietnamese decimal comma


def test_an_officer_cannot_look_at_another_units_coverage(client_for, accounts, network, units):
    response = client_for(accounts["officer"]).get(reverse("collaborators:coverage"),
                                                   {"don-vi": units["KHTN"].pk})
    assert response.context["summary"].total.unit == units["BK"]
    assert "Khoa học Tự nhiên" not in response.content.decode()


def test_committee_sees_every_unit_and_the_flags(client_for, accounts, network, units):
    response = client_for(accounts["committee"]).get(reverse("collaborators:coverage"))
    summary = response.context["summary"]
    assert summary.total.unit is None and len(summary.units) == 13
    assert "table-danger" in response.content.decode()  # QT and others are below target


def test_coverage_page_queries_do_not_grow_with_the_data(client_for, accounts, units):
    client = client_for(accounts["committee"])
    client.get(reverse("collaborators:coverage"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("collaborators:coverage"))
    training = TrainingFactory(organiser=units["CDDHQG"])
    for i in range(80):
        code = ["BK", "BK-CK", "KHTN", "QT", "KHTN-SH"][i % 5]
        person = CollaboratorFactory(unit=units[code], birth_year=1970 + i % 40)
        if i % 3:
            attend(training, person)
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("collaborators:coverage"))
    assert len(large) == len(small), [q["sql"][:80] for q in large]


@pytest.mark.parametrize("role", ["collaborator", "member"])
def test_coverage_is_for_officers_and_the_committee(client_for, accounts, role):
    assert client_for(accounts[role]).get(reverse("collaborators:coverage")).status_code == 403


def _unit_with(units, *, members: int, active: int, trained: int = 0):
    unit = UnitFactory(parent=units["CDDHQG"], member_count=members)
    people = [CollaboratorFactory(unit=unit) for _ in range(active)]
    if trained:
        attend(TrainingFactory(organiser=unit), *people[:trained])
    return unit


def test_a_unit_shown_at_the_target_is_not_flagged_below_it(units):
    """49 per 2,500 members is 1,96: shown as 2,0 per 100, it meets a target of 2."""
    unit = _unit_with(units, members=2500, active=49)
    [row] = coverage_by_unit([unit], target=2)
    assert not row.below_target
    [row] = coverage_by_unit([_unit_with(units, members=2500, active=48)], target=2)
    assert row.below_target  # 1,92: shown 1,9


def test_the_coverage_page_writes_each_figure_by_the_one_rule(client_for, accounts, units):
    """The page, its charts and the dashboard write one value (portal.numbers: half up)."""
    from portal.numbers import format_figure, format_percent

    unit = _unit_with(units, members=4000, active=426, trained=0)  # 10,65 per 100
    small = _unit_with(units, members=100, active=8, trained=3)  # 37,5 % trained
    page = client_for(accounts["committee"]).get(reverse("collaborators:coverage")).content
    page = page.decode()
    rows = by_code(coverage_by_unit([unit, small]))
    assert format_figure(rows[unit.code].per_100, 1) == "10,7" and ">10,7" in page
    assert format_percent(rows[small.code].trained_share, 0) == "38 %" and ">38 %<" in page
    assert "10,6" not in page and "37 %" not in page
