"""The builder: surveys, every question kind, order, conditions, preview, copy, and the lock
that protects collected answers; each write path refuses bad input and other units."""

from datetime import timedelta

import pytest
from django.db.models import RestrictedError
from django.urls import reverse
from django.utils import timezone

from surveys.models import Choice, Invitation, Question, Response, Survey
from surveys.questionnaire import AnswerData

from .factories import SurveyFactory, add_question, choice, member, submit

pytestmark = pytest.mark.django_db
K = Question.Kind
CONFIRM = {"xac-nhan": "1"}


def when(days: float) -> str:
    return (timezone.localtime() + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


def survey_data(units, **changes) -> dict:
    data = {"title": "Lấy ý kiến về chế độ làm thêm giờ", "description": "", "topic": "policy",
            "owner_unit": units["BK"].pk, "audience_units": [units["BK-CK"].pk],
            "audience_roles": ["member"], "audience_staff_groups": [],
            "opens_at": when(0), "closes_at": when(7), "anonymous": "on", "open_link": "on",
            "min_group_size": 5}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def errors_of(response) -> str:
    form = response.context["form"]
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def test_an_officer_creates_a_survey(client_for, accounts, units):
    client = client_for(accounts["officer"])
    response = client.post(reverse("surveys:create"), survey_data(units))
    survey = Survey.objects.get()
    assert response.url == reverse("surveys:builder", args=[survey.pk])
    assert survey.owner_unit == units["BK"] and survey.audience_roles == ["member"]
    assert list(survey.audience_units.all()) == [units["BK-CK"]]
    assert survey.sections.count() == 1 and survey.status == "draft"
    assert survey.history.first().history_user == accounts["officer"]


@pytest.mark.parametrize("changes,message", [
    ({"title": ""}, "bắt buộc"),
    ({"closes_at": when(-1), "opens_at": when(-2)}, "Thời điểm đóng phải ở tương lai."),
    ({"closes_at": when(1), "opens_at": when(2)}, "Khảo sát phải đóng sau khi mở."),
    ({"closes_at": "31/02/2025 08:00"}, "Vui lòng nhập ngày giờ"),
    ({"min_group_size": 2}, "ít nhất là 3"),
    ({"audience_units": []}, "Chọn ít nhất một đơn vị."),
    ({"audience_roles": ["king"]}, "lựa chọn hợp lệ"),
])
def test_bad_survey_settings_are_refused(client_for, accounts, units, changes, message):
    response = client_for(accounts["officer"]).post(reverse("surveys:create"),
                                                    survey_data(units, **changes))
    assert response.status_code == 200
    assert message in errors_of(response)
    assert not Survey.objects.exists()


def test_an_officer_cannot_target_or_own_another_unit(client_for, accounts, units):
    client = client_for(accounts["officer"])
    for changes in ({"audience_units": [units["KHTN"].pk]}, {"owner_unit": units["KHTN"].pk}):
        response = client.post(reverse("surveys:create"), survey_data(units, **changes))
        assert "lựa chọn hợp lệ" in errors_of(response)
    committee = client_for(accounts["committee"])
    response = committee.post(reverse("surveys:create"),
                              survey_data(units, audience_units=[units["KHTN"].pk]))
    assert "Chỉ chọn được đơn vị chủ trì và các đơn vị trực thuộc" in errors_of(response)
    assert not Survey.objects.exists()


@pytest.fixture
def draft(units):
    return SurveyFactory(owner_unit=units["BK"], status="draft")


def question_data(survey, **changes) -> dict:
    data = {"section": survey.sections.first().pk, "kind": "single", "text": "Câu hỏi?",
            "help_text": "", "choices_text": "Có\nKhông", "max_choices": "", "min_value": "",
            "max_value": ""}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize("kind,extra,labels", [
    ("single", {"has_other": "on", "required": "on"}, ["Có", "Không"]),
    ("multiple", {"max_choices": "2", "choices_text": "A\n\n B \nC"}, ["A", "B", "C"]),
    ("likert", {"choices_text": ""}, []),
    ("rating", {"choices_text": ""}, []),
    ("short_text", {"choices_text": "", "help_text": "Một câu"}, []),
    ("long_text", {"choices_text": ""}, []),
    ("number", {"choices_text": "", "min_value": "0", "max_value": "2,5"}, []),
    ("date", {"choices_text": ""}, []),
    ("matrix", {"choices_text": "Minh bạch\nKịp thời"}, ["Minh bạch", "Kịp thời"]),
])
def test_every_question_kind_can_be_added(client_for, accounts, draft, kind, extra, labels):
    client = client_for(accounts["officer"])
    response = client.post(reverse("surveys:question_add", args=[draft.pk]),
                           question_data(draft, kind=kind, **extra))
    assert response.status_code == 302, errors_of(response)
    question = Question.objects.get()
    assert question.kind == kind
    assert list(question.choices.values_list("label", flat=True)) == labels
    if kind == "number":
        assert float(question.max_value) == 2.5
    draft.refresh_from_db()
    assert draft.structure_version > 0  # the answering page sees the change at once


@pytest.mark.parametrize("changes,message", [
    ({"choices_text": "Chỉ một"}, "ít nhất hai phương án"),
    ({"choices_text": "Có\ncó"}, "trùng nhau"),
    ({"max_choices": "2"}, "Chỉ câu hỏi nhiều lựa chọn"),
    ({"kind": "multiple", "max_choices": "5"}, "từ 1 đến số phương án"),
    ({"kind": "number", "choices_text": "", "min_value": "5", "max_value": "1"},
     "không được nhỏ hơn"),
    ({"kind": "likert"}, "Chỉ câu hỏi lựa chọn và câu hỏi ma trận"),
    ({"kind": "likert", "choices_text": "", "has_other": "on"}, "phương án “khác”"),
    ({"kind": "matrix", "choices_text": ""}, "ít nhất một dòng"),
    ({"text": ""}, "bắt buộc"),
    ({"kind": "essay"}, "lựa chọn hợp lệ"),
])
def test_bad_questions_are_refused(client_for, accounts, draft, changes, message):
    response = client_for(accounts["officer"]).post(
        reverse("surveys:question_add", args=[draft.pk]), question_data(draft, **changes))
    assert response.status_code == 200
    assert message in errors_of(response)
    assert not Question.objects.exists()


def test_a_condition_must_point_at_an_earlier_question(client_for, accounts, draft):
    first = add_question(draft, K.SINGLE, "Một", ["Có", "Không"])
    second = add_question(draft, K.SINGLE, "Hai", ["X", "Y"])
    client = client_for(accounts["officer"])
    data = question_data(draft, text="Một", condition_choices=[choice(second, "X").pk])
    response = client.post(reverse("surveys:question_edit", args=[draft.pk, first.pk]), data)
    # A later question is not even offered; the service refuses it too (see the next test).
    assert "lựa chọn hợp lệ" in errors_of(response)
    assert Question.objects.get(pk=first.pk).condition_question is None
    from django.core.exceptions import ValidationError

    from surveys.services import question_update

    with pytest.raises(ValidationError, match="sẽ đứng trước câu hỏi"):
        question_update(question=first, by=accounts["officer"], section=first.section,
                        fields={}, labels=["Có", "Không"],
                        condition_choices=[choice(second, "X")])
    mixed = question_data(draft, text="Ba", condition_choices=[choice(first, "Có").pk,
                                                               choice(second, "X").pk])
    response = client.post(reverse("surveys:question_add", args=[draft.pk]), mixed)
    assert "Chỉ đánh dấu phương án của một câu hỏi." in errors_of(response)
    ok = question_data(draft, text="Ba", condition_choices=[choice(first, "Không").pk])
    assert client.post(reverse("surveys:question_add", args=[draft.pk]), ok).status_code == 302
    third = Question.objects.get(text="Ba")
    assert third.condition_question == first
    assert list(third.condition_choices.all()) == [choice(first, "Không")]


def test_reordering_keeps_conditions_after_their_question(client_for, accounts, draft):
    first = add_question(draft, K.SINGLE, "Một", ["Có", "Không"])
    add_question(draft, K.SHORT_TEXT, "Hai")
    third = add_question(draft, K.SHORT_TEXT, "Ba", condition=(first, ["Có"]))
    client = client_for(accounts["officer"])
    url = reverse("surveys:question_move", args=[draft.pk, third.pk])
    client.post(url, {"huong": "len"})
    order = list(Question.objects.order_by("position").values_list("text", flat=True))
    assert order == ["Một", "Ba", "Hai"]
    response = client.post(url, {"huong": "len"}, follow=True)
    assert "sẽ đứng trước câu hỏi" in response.content.decode()
    order = list(Question.objects.order_by("position").values_list("text", flat=True))
    assert order == ["Một", "Ba", "Hai"]


def test_sections_order_and_the_condition_rule(client_for, accounts, draft):
    client = client_for(accounts["officer"])
    client.post(reverse("surveys:section_add", args=[draft.pk]), {"title": "Phần hai"})
    first_section, second_section = draft.sections.order_by("position")
    source = add_question(draft, K.SINGLE, "Một", ["Có", "Không"], section=first_section)
    add_question(draft, K.SHORT_TEXT, "Hai", section=second_section, condition=(source, ["Có"]))
    response = client.post(reverse("surveys:section_move", args=[draft.pk, second_section.pk]),
                           {"huong": "len"}, follow=True)
    assert "sẽ đứng trước câu hỏi" in response.content.decode()
    assert list(draft.sections.order_by("position")) == [first_section, second_section]
    response = client.post(reverse("surveys:section_delete", args=[draft.pk, first_section.pk]),
                           follow=True)
    assert "Hãy chuyển hoặc xóa các câu hỏi của phần này trước." in response.content.decode()


def test_preview_shows_the_respondents_page_and_stores_nothing(client_for, accounts, draft):
    question = add_question(draft, K.SINGLE, "Một", ["Có", "Không"], required=True)
    client = client_for(accounts["officer"])
    url = reverse("surveys:preview", args=[draft.pk])
    page = client.get(url).content.decode()
    assert "Xem trước" in page and "Một" in page
    refused = client.post(url, {"submission_key": "1f0e0c8e-8c4b-4f43-9b3a-6f7c1e2d3a4b"})
    assert "Vui lòng trả lời câu hỏi này." in refused.content.decode()
    accepted = client.post(url, {"submission_key": "1f0e0c8e-8c4b-4f43-9b3a-6f7c1e2d3a4b",
                                 f"q{question.pk}": str(choice(question, "Có").pk)})
    assert "Không có gì được lưu" in accepted.content.decode()
    assert not Response.objects.exists() and not Invitation.objects.filter(used=True).exists()


def test_a_copy_is_a_new_draft_with_the_same_questions_and_conditions(client_for, accounts,
                                                                      units):
    survey = SurveyFactory(owner_unit=units["BK"], status="draft")
    first = add_question(survey, K.SINGLE, "Một", ["Có", "Không"], has_other=True)
    add_question(survey, K.MATRIX, "Lưới", ["R1", "R2"])
    add_question(survey, K.SHORT_TEXT, "Vì sao?", condition=(first, ["Không"]))
    Survey.objects.filter(pk=survey.pk).update(status="open")
    survey.refresh_from_db()
    submit(survey, member(units["BK"]), [AnswerData(first.pk, choice_id=choice(first, "Có").pk)])
    client = client_for(accounts["officer"])
    response = client.post(reverse("surveys:copy", args=[survey.pk]))
    copy = Survey.objects.exclude(pk=survey.pk).get()
    assert response.url == reverse("surveys:builder", args=[copy.pk])
    assert copy.status == "draft" and copy.copied_from == survey
    assert copy.title == f"Bản sao của {survey.title}"
    assert not copy.responses.exists() and not copy.invitations.exists()
    assert [(q.kind, q.text, q.has_other, [c.label for c in q.choices.all()])
            for q in copy.questions.order_by("position")] == [
        ("single", "Một", True, ["Có", "Không"]), ("matrix", "Lưới", False, ["R1", "R2"]),
        ("short_text", "Vì sao?", False, [])]
    dependent = copy.questions.get(text="Vì sao?")
    assert dependent.condition_question.survey == copy
    assert [c.label for c in dependent.condition_choices.all()] == ["Không"]
    assert dependent.condition_choices.get().question.survey == copy


@pytest.fixture
def answered(units):
    survey = SurveyFactory(owner_unit=units["BK"], status="draft")
    question = add_question(survey, K.SINGLE, "Một", ["Có", "Không"])
    Survey.objects.filter(pk=survey.pk).update(status="open")
    survey.refresh_from_db()
    submit(survey, member(units["BK"]), [AnswerData(question.pk,
                                                    choice_id=choice(question, "Có").pk)])
    return survey, question


def test_questions_are_frozen_once_answered_and_a_copy_is_offered(client_for, accounts,
                                                                  answered):
    survey, question = answered
    client = client_for(accounts["officer"])
    edit = reverse("surveys:question_edit", args=[survey.pk, question.pk])
    page = client.get(edit).content.decode()
    assert "Tạo bản sao" in page and reverse("surveys:copy", args=[survey.pk]) in page
    # Disabled fields ignore what is posted: the kind and choices cannot change.
    client.post(edit, question_data(survey, kind="multiple", choices_text="X\nY",
                                    text="Một (đã sửa chính tả)"))
    question.refresh_from_db()
    assert question.kind == "single" and question.text == "Một (đã sửa chính tả)"
    assert [c.label for c in question.choices.all()] == ["Có", "Không"]
    added = client.post(reverse("surveys:question_add", args=[survey.pk]),
                        question_data(survey), follow=True)
    assert "Đã thu được 1 phiếu trả lời" in added.content.decode()
    deleted = client.post(reverse("surveys:question_delete", args=[survey.pk, question.pk]),
                          follow=True)
    assert "Đã thu được 1 phiếu trả lời" in deleted.content.decode()
    assert Question.objects.filter(survey=survey).count() == 1


def test_the_service_refuses_structural_changes_and_the_database_backs_it(answered, accounts):
    from surveys.services import StructureLocked, question_update

    survey, question = answered
    with pytest.raises(StructureLocked):
        question_update(question=question, by=accounts["officer"], section=question.section,
                        fields={"kind": "multiple"}, labels=["Có", "Không"],
                        condition_choices=[])
    with pytest.raises(RestrictedError):
        Choice.objects.filter(question=question).delete()


def test_whether_answers_are_anonymous_cannot_change_once_collected(client_for, accounts,
                                                                    answered, units):
    survey, _ = answered
    client = client_for(accounts["officer"])
    data = survey_data(units, anonymous=None, audience_units=[units["BK"].pk],
                       title=survey.title, opens_at=when(-1))
    client.post(reverse("surveys:edit", args=[survey.pk]), data)
    survey.refresh_from_db()
    assert survey.anonymous is True


def test_opening_needs_questions_and_invites_the_audience(client_for, accounts, units):
    survey = SurveyFactory(owner_unit=units["BK"], status="draft")
    client = client_for(accounts["officer"])
    page = client.post(reverse("surveys:open", args=[survey.pk]), CONFIRM,
                       follow=True).content.decode()
    assert "Hãy thêm ít nhất một câu hỏi trước khi mở khảo sát." in page
    add_question(survey, K.LIKERT, "Hài lòng")
    people = [member(units[code]) for code in ("BK", "BK-KHMT-T1", "KHTN")]
    page = client.post(reverse("surveys:open", args=[survey.pk]), CONFIRM,
                       follow=True).content.decode()
    survey.refresh_from_db()
    assert survey.status == "open"
    invited = set(Invitation.objects.filter(survey=survey).values_list("user", flat=True))
    assert {p.pk for p in people[:2]} <= invited and people[2].pk not in invited
    client.post(reverse("surveys:close", args=[survey.pk]), CONFIRM)
    survey.refresh_from_db()
    assert survey.status == "closed" and survey.closes_at <= timezone.now()


def test_opening_and_closing_ask_for_confirmation_first(client_for, accounts, units):
    """One click on the survey's page only shows what will happen; nothing changes until
    the officer confirms (a plain form: no JavaScript needed)."""
    survey = SurveyFactory(owner_unit=units["BK"], status="draft")
    add_question(survey, K.LIKERT, "Hài lòng")
    member(units["BK"])
    client = client_for(accounts["officer"])
    detail = client.get(reverse("surveys:detail", args=[survey.pk])).content.decode()
    open_url = reverse("surveys:open", args=[survey.pk])
    assert f'href="{open_url}"' in detail  # a link to the confirmation, not a form acting
    for request in (client.get, client.post):
        page = request(open_url).content.decode()
        assert "Mở khảo sát?" in page and "Có, mở khảo sát" in page
        assert 'name="xac-nhan" value="1"' in page and "thành viên thuộc đối tượng" in page
    survey.refresh_from_db()
    assert survey.status == "draft" and not Invitation.objects.filter(survey=survey).exists()
    client.post(open_url, CONFIRM)
    survey.refresh_from_db()
    assert survey.status == "open"
    close_url = reverse("surveys:close", args=[survey.pk])
    page = client.post(close_url).content.decode()
    assert "Đóng khảo sát?" in page and "không thể trả lời nữa" in page
    survey.refresh_from_db()
    assert survey.status == "open"
    client.post(close_url, CONFIRM)
    survey.refresh_from_db()
    assert survey.status == "closed"
    assert "Mở lại khảo sát?" in client.get(open_url).content.decode()


def test_only_a_draft_without_answers_can_be_deleted(client_for, accounts, answered, units):
    survey, _ = answered
    client = client_for(accounts["officer"])
    client.post(reverse("surveys:delete", args=[survey.pk]))
    assert Survey.objects.filter(pk=survey.pk).exists()
    draft = SurveyFactory(owner_unit=units["BK"], status="draft")
    client.post(reverse("surveys:delete", args=[draft.pk]))
    assert not Survey.objects.filter(pk=draft.pk).exists()


@pytest.mark.parametrize("name,method", [
    ("detail", "get"), ("edit", "get"), ("edit", "post"), ("builder", "get"),
    ("question_add", "post"), ("preview", "get"), ("open", "post"), ("close", "post"),
    ("copy", "post"), ("delete", "post"), ("invite", "post"), ("remind", "post"),
    ("print", "get"), ("results", "get"), ("export_csv", "get"), ("export_xlsx", "get"),
    ("publish", "get"), ("section_add", "post"),
])
def test_another_units_officer_gets_not_found(client_for, accounts, answered, name, method):
    survey, question = answered
    client = client_for(accounts["officer2"])
    response = getattr(client, method)(reverse(f"surveys:{name}", args=[survey.pk]),
                                       {"title": "x"})
    assert response.status_code == 404
    survey.refresh_from_db()
    assert survey.status == "open" and Survey.objects.count() == 1


def test_members_and_collaborators_cannot_manage_surveys(client_for, accounts, answered):
    survey, question = answered
    for role in ("member", "collaborator"):
        client = client_for(accounts[role])
        assert client.get(reverse("surveys:list")).status_code == 403
        assert client.get(reverse("surveys:create")).status_code == 403
        assert client.get(reverse("surveys:builder", args=[survey.pk])).status_code == 404
        assert client.get(reverse("surveys:results", args=[survey.pk])).status_code == 404
        edit = reverse("surveys:question_edit", args=[survey.pk, question.pk])
        assert client.post(edit, {"text": "x"}).status_code == 404


def test_the_committee_manages_every_units_survey(client_for, accounts, answered):
    survey, _ = answered
    client = client_for(accounts["committee"])
    assert client.get(reverse("surveys:builder", args=[survey.pk])).status_code == 200
    assert survey.title in client.get(reverse("surveys:list")).content.decode()


def test_acting_on_what_someone_else_just_deleted_gives_a_message(client_for, accounts, units):
    """Two tabs on one survey: one deletes a question, the other then moves or deletes it."""
    from django.core.exceptions import ValidationError

    from surveys.services import question_move

    survey = SurveyFactory(owner_unit=units["BK"], status="draft")
    question = add_question(survey, K.SHORT_TEXT, "Sắp bị xóa")
    add_question(survey, K.SHORT_TEXT, "Ở lại")
    stale = Question.objects.get(pk=question.pk)
    Question.objects.filter(pk=question.pk).delete()
    with pytest.raises(ValidationError, match="Có người khác vừa thay đổi khảo sát này"):
        question_move(question=stale, by=accounts["officer"], direction="down")
    client = client_for(accounts["officer"])
    for name in ("surveys:question_move", "surveys:question_delete"):
        response = client.post(reverse(name, args=[survey.pk, question.pk]), follow=True)
        assert response.status_code == 200
        assert "Có người khác vừa thay đổi khảo sát này" in response.content.decode()
    assert list(survey.questions.values_list("text", flat=True)) == ["Ở lại"]


def test_copying_a_survey_deleted_meanwhile_gives_a_message(accounts, units):
    from django.core.exceptions import ValidationError

    from surveys.services import survey_copy

    survey = SurveyFactory(owner_unit=units["BK"], status="draft")
    Survey.objects.filter(pk=survey.pk).delete()
    with pytest.raises(ValidationError, match="Có người khác vừa thay đổi khảo sát này"):
        survey_copy(survey=survey, by=accounts["officer"])
    assert not Survey.objects.exists()


def labels_on(page: str) -> list[str]:
    import re

    return [" ".join(re.sub(r"<[^>]+>", "", label).split()).rstrip("*")
            for label in re.findall(r'<label\s+for="id_\w+" class="form-label[^>]*>(.*?)</label>',
                                    page, re.S)]


def test_every_builder_form_is_labelled_in_the_surveys_own_words(client_for, accounts, units):
    """Another app's catalogue translating a bare "title" (a training class's name) must
    not spill into the survey forms."""
    survey = SurveyFactory(owner_unit=units["BK"], status="draft")
    question = add_question(survey, K.SINGLE, "Một", ["A", "B"])
    client = client_for(accounts["officer"])
    for url in (reverse("surveys:create"), reverse("surveys:edit", args=[survey.pk])):
        labels = labels_on(client.get(url).content.decode())
        assert labels[:2] == ["Tên khảo sát", "Mô tả"], labels
        assert "Tên lớp tập huấn" not in labels
    section = survey.sections.get()
    labels = labels_on(client.get(
        reverse("surveys:section_edit", args=[survey.pk, section.pk])).content.decode())
    assert labels == ["Tên phần", "Mô tả phần"], labels
    labels = labels_on(client.get(
        reverse("surveys:question_edit", args=[survey.pk, question.pk])).content.decode())
    assert labels[:4] == ["Phần", "Loại câu hỏi", "Câu hỏi", "Hướng dẫn trả lời"], labels
    assert not [label for label in labels if label.isascii()], labels  # all Vietnamese
