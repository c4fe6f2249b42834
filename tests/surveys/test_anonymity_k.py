"""K-anonymous stored attributes: what an anonymous response keeps of its respondent can be
joined to the user table, but never to fewer than K invited people (issue 10)."""

import random

import pytest
from django.db.models import Q
from django.urls import reverse

from portal.models import User
from surveys.models import AgeBand, AnonymityPlan, Invitation, Question, Response, Survey
from surveys.questionnaire import AnswerData
from surveys.services import survey_sync_invitations
from surveys.services.generalisation import survey_plan_anonymity
from tests.factories import UserFactory

from .factories import SurveyFactory, add_question, choice, member, submit

pytestmark = pytest.mark.django_db
K = 5


def matches(response, person, today, *, broad: bool) -> bool:
    """Whether `person` fits the stored attributes of `response`, read literally (equal
    values) or broadly (a unit means its subtree, a blank or unknown value anyone)."""
    r = response
    if r.unit_id is None:
        unit_ok = broad
    elif broad:
        unit_ok = person.unit.path.startswith(r.unit.path)
    else:
        unit_ok = person.unit_id == r.unit_id
    band = AgeBand.of(person.birth_year, today).value
    return (unit_ok
            and (person.staff_group == r.staff_group or (broad and not r.staff_group))
            and (person.gender == r.gender or (broad and not r.gender))
            and (band == r.age_band or (broad and r.age_band == AgeBand.UNKNOWN)))


def attack(survey: Survey, today) -> list[tuple[int, int]]:
    """The join of the issue: each stored response against the invited people of its survey
    on every kept attribute, both readings. Returns (literal, broad) match counts."""
    invited = list(User.objects.filter(survey_invitations__survey=survey)
                   .select_related("unit"))
    return [(sum(matches(r, p, today, broad=False) for p in invited),
             sum(matches(r, p, today, broad=True) for p in invited))
            for r in Response.objects.filter(survey=survey).select_related("unit")]


def named(counts) -> int:
    """Responses whose stored attributes single out fewer than K invited people."""
    return sum(1 for literal, broad in counts if 0 < literal < K or broad < K)


def audience_with_small_groups(units):
    """BK (owner) with: a big lecturer group in BK-CK, a lone woman of 60+ in BK-CK, three
    researchers in BK-DDT, two people in the group BK-KHMT-T1, officers directly in BK,
    and a few with nothing given."""
    rng = random.Random(10)
    people = []
    for _ in range(12):
        people.append(member(units["BK-CK"], staff_group="lecturer", gender="male",
                             birth_year=1985))
    people.append(member(units["BK-CK"], staff_group="lecturer", gender="female",
                         birth_year=1960))
    for _ in range(3):
        people.append(member(units["BK-DDT"], staff_group="researcher", gender="female",
                             birth_year=rng.choice([1970, 1990])))
    for _ in range(2):
        people.append(member(units["BK-KHMT-T1"], staff_group="administrative",
                             gender=rng.choice(["male", "female"]), birth_year=1995))
    for _ in range(6):
        people.append(member(units["BK"], staff_group=rng.choice(["lecturer", "other"]),
                             gender=rng.choice(["male", "female"]),
                             birth_year=rng.choice([1965, 1980, 1999])))
    for _ in range(2):
        people.append(member(units["BK-KHMT"], staff_group="", gender="", birth_year=None))
    return people


@pytest.fixture
def survey_of(units):
    def make(people, anonymous=True):
        survey = SurveyFactory(owner_unit=units["BK"], status="draft", anonymous=anonymous)
        question = add_question(survey, Question.Kind.SINGLE, "Có hay không?", ["Có", "Không"])
        Survey.objects.filter(pk=survey.pk).update(status="open")
        survey.refresh_from_db()
        survey_sync_invitations(survey=survey)
        for person in people:
            submit(survey, person, [AnswerData(question.pk,
                                               choice_id=choice(question, "Có").pk)])
        return survey
    return make


def test_no_stored_combination_matches_fewer_than_k_invited_people(units, survey_of, settings):
    from django.utils import timezone

    people = audience_with_small_groups(units)
    settings.SURVEY_ANONYMITY_K = 1  # the old behaviour: exact profiles
    exact = survey_of(people)
    # The threat, shown: exact profiles name people (the lone woman of 60+, the group of two).
    assert named(attack(exact, timezone.localdate())) >= 3

    settings.SURVEY_ANONYMITY_K = K
    survey = survey_of(people)
    counts = attack(survey, timezone.localdate())
    assert len(counts) == len(people)
    assert named(counts) == 0
    # Not everything was thrown away: the big lecturer group keeps its unit and details.
    kept = Response.objects.filter(survey=survey, unit=units["BK-CK"], gender="male",
                                   staff_group="lecturer", age_band="40-49").count()
    assert kept == 12


def test_an_order_that_rolls_the_unit_up_first_keeps_the_details(units, survey_of, settings):
    # Units first (not the default): five women lecturers of 30-39 directly in BK, a sixth
    # alone in BK-CK: her unit is rolled up to BK (where six share everything) and nothing
    # else is dropped.
    settings.SURVEY_GENERALISATION_ORDER = ["unit", "age_band", "gender", "staff_group"]
    people = [member(units["BK"], staff_group="lecturer", gender="female", birth_year=1990)
              for _ in range(5)]
    lone = member(units["BK-CK"], staff_group="lecturer", gender="female", birth_year=1990)
    survey = survey_of([lone])
    stored = Response.objects.get(survey=survey)
    assert (stored.unit_id, stored.staff_group, stored.gender, stored.age_band) == (
        units["BK"].pk, "lecturer", "female", "30-39")
    # With only four beside her in BK, reading "BK" literally would point at those four:
    # then everything goes, down to no unit.
    User.objects.filter(pk=people[0].pk).update(unit=units["KHTN"])
    survey = survey_of([lone])
    stored = Response.objects.get(survey=survey)
    assert (stored.unit_id, stored.staff_group, stored.gender, stored.age_band) == (
        None, "", "", AgeBand.UNKNOWN)


def test_an_identified_survey_keeps_the_exact_profile(units, survey_of):
    lone = member(units["BK-CK"], staff_group="lecturer", gender="female", birth_year=1990)
    survey = survey_of([lone], anonymous=False)
    stored = Response.objects.get(survey=survey)
    assert (stored.unit_id, stored.gender, stored.age_band) == (units["BK-CK"].pk, "female",
                                                                "30-39")
    assert stored.submitted_on is not None
    assert not AnonymityPlan.objects.filter(survey=survey).exists()


def test_people_invited_after_opening_get_a_plan_and_withdrawals_coarsen_stored_answers(
        units, survey_of):
    from django.utils import timezone

    people = [member(units["BK-CK"], staff_group="lecturer", gender="male", birth_year=1985)
              for _ in range(5)]
    for year in (1960, 1970, 1980, 1990, 2000):
        member(units["BK-DDT"], staff_group="other", gender="female", birth_year=year)
    survey = survey_of(people[:1])
    assert Response.objects.get(survey=survey).unit_id == units["BK-CK"].pk
    # A newcomer joins the audience: planned at once, never finer than K allow.
    newcomer = member(units["BK-DDT"], staff_group="researcher", gender="female",
                      birth_year=1999)
    from surveys.services import invitation_for

    invitation = invitation_for(survey=survey, user=newcomer)
    assert (invitation.kept_unit_id, invitation.kept_gender) != (units["BK-DDT"].pk, "female")
    # Four of the five leave the audience (unused invitations withdrawn): the stored
    # answer would now match one person; the next planning generalises it.
    User.objects.filter(pk__in=[p.pk for p in people[1:]]).update(is_active=False)
    survey_sync_invitations(survey=survey)
    assert named(attack(survey, timezone.localdate())) == 0
    assert Response.objects.get(survey=survey).unit_id != units["BK-CK"].pk


def test_an_open_survey_without_a_plan_is_planned_and_its_answers_generalised_once(
        units, survey_of):
    from django.utils import timezone

    from surveys.services.anonymity import survey_seal, surveys_to_seal

    people = audience_with_small_groups(units)
    survey = survey_of(people)
    # As it was before plans existed: exact profiles stored, no plan.
    for r, person in zip(Response.objects.filter(survey=survey), people, strict=False):
        Response.objects.filter(pk=r.pk).update(unit=person.unit, gender=person.gender)
    AnonymityPlan.objects.filter(survey=survey).delete()
    Survey.objects.filter(pk=survey.pk).update(status="closed")
    assert survey.pk in set(surveys_to_seal())
    survey_seal(survey_id=survey.pk)
    assert AnonymityPlan.objects.filter(survey=survey).exists()
    assert named(attack(survey, timezone.localdate())) == 0


def test_an_invitation_made_before_the_plan_stores_nothing_finer(units):
    survey = SurveyFactory(owner_unit=units["BK"], status="draft")
    question = add_question(survey, Question.Kind.SINGLE, "Có?", ["Có", "Không"])
    Survey.objects.filter(pk=survey.pk).update(status="open")
    survey.refresh_from_db()
    person = member(units["BK-CK"], gender="male", birth_year=1985)
    Invitation.objects.create(survey=survey, user=person, unit=person.unit)  # no plan run
    submit(survey, person, [AnswerData(question.pk, choice_id=choice(question, "Có").pk)])
    stored = Response.objects.get(survey=survey)
    assert (stored.unit_id, stored.staff_group, stored.gender, stored.age_band) == (
        None, "", "", AgeBand.UNKNOWN)


def test_the_survey_page_says_in_advance_which_breakdowns_the_audience_allows(
        units, accounts, client_for):
    survey = SurveyFactory(owner_unit=units["BK"], status="draft")
    for _ in range(6):
        UserFactory(unit=units["BK-CK"], staff_group="lecturer", gender="male",
                    birth_year=1985)
    UserFactory(unit=units["BK-DDT"], staff_group="researcher", gender="female",
                birth_year=1950)
    page = client_for(accounts["officer"]).get(survey.get_absolute_url()).content.decode()
    assert "Câu trả lời giữ lại những gì" in page
    assert "ít nhất 5 người được mời" in page
    assert "lên đơn vị cấp trên" in page  # the order of generalisation is said
    assert "Theo giới tính:" in page
    # Another unit's officer sees no survey at all, let alone its plan.
    other = client_for(accounts["officer2"]).get(survey.get_absolute_url())
    assert other.status_code == 404


def test_the_answer_form_says_exactly_what_is_kept(units, client):
    from surveys.services import invitation_for
    from surveys.tokens import token_for

    survey = SurveyFactory(owner_unit=units["BK"], status="draft")
    add_question(survey, Question.Kind.SINGLE, "Có?", ["Có", "Không"])
    Survey.objects.filter(pk=survey.pk).update(status="open")
    survey.refresh_from_db()
    invitation = invitation_for(survey=survey, user=member(units["BK"]))
    url = reverse("surveys:answer_token", args=[token_for(invitation)])
    page = client.get(url).content.decode()
    assert "Không lưu: họ tên" in page and "ngày, giờ" in page
    Survey.objects.filter(pk=survey.pk).update(anonymous=False)
    page = client.get(url).content.decode()
    assert "Khảo sát này không ẩn danh" in page and "ngày anh/chị trả lời" in page


def test_planning_a_large_audience_is_quick(units, django_assert_max_num_queries):
    survey = SurveyFactory(owner_unit=units["CDDHQG"], status="draft",
                           audience=[units["CDDHQG"]])
    User.objects.bulk_create([
        User(username=f"p{i}", full_name=f"Người {i}", unit=units[code], gender=g,
             staff_group=s, birth_year=y)
        for i, (code, g, s, y) in enumerate(
            (c, g, s, y) for c in ("BK", "KHTN", "BK-CK", "QT") for g in ("male", "female")
            for s in ("lecturer", "other") for y in (1970, 1985, 1995) for _ in range(20))])
    Survey.objects.filter(pk=survey.pk).update(status="open")
    survey.refresh_from_db()
    survey_sync_invitations(survey=survey)
    assert Invitation.objects.filter(survey=survey).count() >= 960
    with django_assert_max_num_queries(100):
        survey_plan_anonymity(survey=survey)
    assert Invitation.objects.filter(~Q(kept_unit=None), survey=survey).exists()


def test_by_default_details_go_before_the_unit_and_the_page_shows_the_order(
        units, survey_of, settings, accounts, client_for):
    # Six people in BK-CK, all different but for their unit.
    assert settings.SURVEY_GENERALISATION_ORDER == ["age_band", "gender", "staff_group", "unit"]
    people = [member(units["BK-CK"], staff_group=s, gender=g, birth_year=y)
              for s, g, y in [("lecturer", "male", 1960), ("lecturer", "female", 1970),
                              ("other", "male", 1980), ("other", "female", 1990),
                              ("researcher", "male", 1999), ("researcher", "female", 1985)]]
    survey = survey_of(people[:1])
    stored = Response.objects.get(survey=survey)
    assert (stored.unit_id, stored.staff_group, stored.gender, stored.age_band) == (
        units["BK-CK"].pk, "", "", AgeBand.UNKNOWN)  # the unit kept, the details dropped
    page = client_for(accounts["officer"]).get(survey.get_absolute_url()).content.decode()
    panel = page[page.index('id="anonymity"'):]
    steps = panel[panel.index("<ol"):panel.index("</ol>")]
    assert steps.index("bỏ nhóm tuổi") < steps.index("đơn vị được đưa lên")
