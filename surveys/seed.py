"""Demo data of the surveys app (found by `manage.py seed_demo`).

- About three hundred demo member accounts across the demo units (no password: they cannot
  log in; they exist so that surveys have an audience with invitations, units, staff
  groups, genders and ages). Three small units get fewer members than the minimum group
  size, so their breakdown cells are hidden.
- A closed, anonymous survey of the whole university with a few hundred responses and a
  few results published.
- An open survey of the Bách khoa union that the demo `member` has not answered yet.
- A draft of the Khoa học Tự nhiên union, for `officer2` to build.

Idempotent: each survey is made once (found by its title); accounts are reused."""

from __future__ import annotations

import random
import uuid
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from portal.demo import register
from portal.models import Unit, User

from .models import Choice, Invitation, Question, Section, Survey, Topic
from .questionnaire import AnswerData
from .services import record_response, survey_sync_invitations

CLOSED_TITLE = "Lấy ý kiến dự thảo Quy chế chi tiêu nội bộ năm 2025"
OPEN_TITLE = "Khảo sát điều kiện làm việc tại Trường Đại học Bách khoa"
DRAFT_TITLE = "Khảo sát nhu cầu tập huấn công tác dư luận xã hội"

# Demo members per unit code: three units stay under the minimum group size of 5.
MEMBERS = {"BK": 14, "BK-CK": 12, "BK-KHMT": 10, "BK-KHMT-T1": 6, "BK-DDT": 12,
           "KHTN": 16, "KHTN-SH": 10, "KHTN-TOAN": 12, "KHXHNV": 34, "QT": 24, "CNTT": 22,
           "KTL": 22, "AG": 24, "KHSK": 18, "CQ": 18, "PTNK": 12, "MTTN": 4, "BT": 3,
           "CTHC": 3}
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
          "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Quốc", "Hữu", "Thu", "Đức", "Hoài"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng",
         "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Quân",
         "Quyên", "Sơn", "Tâm", "Thảo", "Trang", "Trung", "Tuấn", "Vy", "Yến"]
GROUPS = [User.StaffGroup.LECTURER] * 5 + [User.StaffGroup.RESEARCHER] * 2 + [
    User.StaffGroup.ADMINISTRATIVE] * 3 + [User.StaffGroup.WORKER, User.StaffGroup.OTHER]


def _members(units: dict[str, Unit], rng: random.Random) -> list[User]:
    people = []
    for code, count in MEMBERS.items():
        for n in range(1, count + 1):
            username = f"dv-{code.lower()}-{n:02d}"
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(username=username, role=User.Role.MEMBER, unit=units[code],
                            full_name=f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} "
                                      f"{rng.choice(GIVEN)}",
                            staff_group=rng.choice(GROUPS),
                            gender=rng.choice([User.Gender.FEMALE, User.Gender.MALE]),
                            birth_year=rng.randint(1964, 2000),
                            email=f"{username}@demo.vnuhcm.edu.vn" if rng.random() < .7 else "")
                user.set_unusable_password()
                user.save()
            people.append(user)
    return people


def _question(survey: Survey, section: Section, position: int, kind: str, text: str,
              labels=(), **fields) -> Question:
    question = Question.objects.create(survey=survey, section=section, position=position,
                                       kind=kind, text=text, **fields)
    for index, label in enumerate(labels):
        Choice.objects.create(question=question, label=label, position=index)
    return question


def _closed_survey(units, committee: User) -> tuple[Survey, list[Question]]:
    now = timezone.now()
    survey = Survey.objects.create(
        title=CLOSED_TITLE, topic=Topic.PAY, owner_unit=units["CDDHQG"], anonymous=True,
        description="Ban Thường vụ Công đoàn ĐHQG-HCM lấy ý kiến đoàn viên về dự thảo Quy chế "
                    "chi tiêu nội bộ trước khi trình Hội nghị viên chức.",
        opens_at=now - timedelta(days=45), closes_at=now - timedelta(days=30),
        status=Survey.Status.CLOSED, created_by=committee)
    survey.audience_units.set([units["CDDHQG"]])
    survey.audience_roles = [User.Role.MEMBER, User.Role.COLLABORATOR]
    survey.save(update_fields=["audience_roles"])
    general = Section.objects.create(survey=survey, title="Thông tin chung", position=0)
    content = Section.objects.create(survey=survey, title="Nội dung dự thảo", position=1)
    read = _question(survey, general, 0, Question.Kind.SINGLE,
                     "Anh/chị đã đọc dự thảo Quy chế chi tiêu nội bộ chưa?",
                     ["Đã đọc kỹ", "Đã đọc lướt", "Chưa đọc"], required=True)
    why = _question(survey, general, 1, Question.Kind.SINGLE, "Vì sao anh/chị chưa đọc?",
                    ["Chưa nhận được văn bản", "Không có thời gian"], has_other=True,
                    condition_question=read)
    why.condition_choices.set([read.choices.get(label="Chưa đọc")])
    fair = _question(survey, content, 0, Question.Kind.LIKERT,
                     "Mức chi thu nhập tăng thêm trong dự thảo là hợp lý.", required=True)
    topics = _question(survey, content, 1, Question.Kind.MULTIPLE,
                       "Những nội dung anh/chị quan tâm nhất (tối đa 3)",
                       ["Thu nhập tăng thêm", "Chế độ công tác phí", "Hỗ trợ nghiên cứu khoa học",
                        "Phúc lợi", "Khen thưởng"], max_choices=3, has_other=True)
    matrix = _question(survey, content, 2, Question.Kind.MATRIX,
                       "Mức độ đồng ý với các nhận định về dự thảo",
                       ["Công khai, minh bạch", "Phù hợp thực tế đơn vị",
                        "Được lấy ý kiến đầy đủ"])
    rating = _question(survey, content, 3, Question.Kind.RATING,
                       "Mức độ hài lòng chung với dự thảo (0-10)")
    hours = _question(survey, content, 4, Question.Kind.NUMBER,
                      "Số giờ làm thêm trung bình mỗi tuần của anh/chị",
                      min_value=Decimal(0), max_value=Decimal(60))
    remarks = _question(survey, content, 5, Question.Kind.LONG_TEXT, "Góp ý khác cho dự thảo")
    return survey, [read, why, fair, topics, matrix, rating, hours, remarks]


REMARKS = ["Đề nghị công khai bảng tính thu nhập tăng thêm theo từng đơn vị.",
           "Cần tăng mức hỗ trợ cho viên chức trẻ.", "Nên rút gọn thủ tục thanh toán công tác phí.",
           "Đồng ý với dự thảo.", "Đề nghị bổ sung chế độ cho người lao động hợp đồng.",
           "Mức chi phúc lợi ngày lễ còn thấp so với mặt bằng chung."]


def _closed_answers(questions: list[Question], rng: random.Random) -> list[AnswerData]:
    read, why, fair, topics, matrix, rating, hours, remarks = questions
    choice = {q.pk: list(q.choices.order_by("position")) for q in (read, why, topics, matrix)}
    rows = []
    picked = rng.choices(choice[read.pk], weights=[5, 3, 2])[0]
    rows.append(AnswerData(read.pk, choice_id=picked.pk))
    if picked.label == "Chưa đọc":
        if rng.random() < .2:
            rows.append(AnswerData(why.pk, text="Văn bản gửi qua email bị thất lạc"))
        else:
            rows.append(AnswerData(why.pk, choice_id=rng.choice(choice[why.pk]).pk))
    rows.append(AnswerData(fair.pk, value=rng.choices(range(1, 6), weights=[1, 2, 3, 5, 3])[0]))
    for option in rng.sample(choice[topics.pk], rng.randint(1, 3)):
        rows.append(AnswerData(topics.pk, choice_id=option.pk))
    for row in choice[matrix.pk]:
        if rng.random() < .9:
            rows.append(AnswerData(matrix.pk, choice_id=row.pk,
                                   value=rng.choices(range(1, 6), weights=[1, 1, 3, 4, 2])[0]))
    if rng.random() < .85:
        rows.append(AnswerData(rating.pk, value=min(10, max(0, round(rng.gauss(6.5, 1.8))))))
    if rng.random() < .7:
        rows.append(AnswerData(hours.pk, number=Decimal(rng.choice(range(0, 21)))))
    if rng.random() < .25:
        rows.append(AnswerData(remarks.pk, text=rng.choice(REMARKS)))
    return rows


def _open_survey(units, officer: User) -> tuple[Survey, list[Question]]:
    now = timezone.now()
    survey = Survey.objects.create(
        title=OPEN_TITLE, topic=Topic.WORKING, owner_unit=units["BK"], anonymous=True,
        description="Công đoàn Trường lắng nghe ý kiến về điều kiện làm việc để kiến nghị "
                    "với Ban Giám hiệu trong quý tới.",
        opens_at=now - timedelta(days=2), closes_at=now + timedelta(days=12),
        status=Survey.Status.OPEN, created_by=officer)
    survey.audience_units.set([units["BK"]])
    section = Section.objects.create(survey=survey, title="Câu hỏi", position=0)
    room = _question(survey, section, 0, Question.Kind.SINGLE,
                     "Anh/chị có chỗ làm việc riêng tại trường không?",
                     ["Có", "Dùng chung", "Không có"], required=True)
    need = _question(survey, section, 1, Question.Kind.MULTIPLE,
                     "Anh/chị cần được hỗ trợ thêm những gì?",
                     ["Bàn ghế, tủ", "Máy tính", "Điều hòa", "Kết nối mạng"], has_other=True,
                     help_text="Chọn tất cả các ý phù hợp.", condition_question=room)
    need.condition_choices.set(room.choices.exclude(label="Có"))
    mood = _question(survey, section, 2, Question.Kind.LIKERT,
                     "Tôi hài lòng với điều kiện làm việc hiện nay.", required=True)
    _question(survey, section, 3, Question.Kind.DATE,
              "Lần gần nhất đơn vị sửa chữa, nâng cấp phòng làm việc của anh/chị (nếu nhớ)")
    idea = _question(survey, section, 4, Question.Kind.SHORT_TEXT,
                     "Một đề xuất ngắn để cải thiện điều kiện làm việc")
    return survey, [room, need, mood, idea]


@transaction.atomic
def seed(*, stdout) -> None:
    units = {u.code: u for u in Unit.objects.all()}
    accounts = {u.username: u for u in User.objects.filter(
        username__in=["committee", "officer", "officer2", "member", "collaborator"])}
    rng = random.Random(360)
    people = _members(units, rng)
    today = timezone.localdate()

    if not Survey.objects.filter(title=CLOSED_TITLE).exists():
        survey, questions = _closed_survey(units, accounts["committee"])
        survey_sync_invitations(survey=survey)
        respondents = [p for p in people if rng.random() < .82] + [accounts["member"]]
        for person in respondents:
            on = today - timedelta(days=rng.randint(31, 44))
            record_response(survey=survey, person=person, key=uuid.uuid4(), on=on,
                            answers=_closed_answers(questions, rng))
        Invitation.objects.filter(survey=survey, user__in=respondents).update(used=True)
        published = [q.pk for q in questions if q.kind in (Question.Kind.SINGLE,
                                                           Question.Kind.LIKERT,
                                                           Question.Kind.MATRIX)]
        Question.objects.filter(pk__in=published).update(publish_result=True)
        survey.results_published_at = timezone.now() - timedelta(days=20)
        survey.save(update_fields=["results_published_at"])
        stdout.write(f"surveys: closed survey with {len(respondents)} responses")

    if not Survey.objects.filter(title=OPEN_TITLE).exists():
        survey, (room, need, mood, idea) = _open_survey(units, accounts["officer"])
        survey_sync_invitations(survey=survey)
        bk = [p for p in people if p.unit.path.startswith(units["BK"].path)]
        respondents = rng.sample(bk, min(len(bk), 25))
        for person in respondents:
            picked = rng.choice(list(room.choices.all()))
            rows = [AnswerData(room.pk, choice_id=picked.pk),
                    AnswerData(mood.pk, value=rng.randint(1, 5))]
            if picked.label != "Có":
                rows += [AnswerData(need.pk, choice_id=c.pk)
                         for c in rng.sample(list(need.choices.all()), 2)]
            if rng.random() < .3:
                rows.append(AnswerData(idea.pk, text="Bố trí thêm phòng làm việc chung."))
            record_response(survey=survey, person=person, key=uuid.uuid4(),
                            on=today - timedelta(days=rng.randint(0, 2)), answers=rows)
        Invitation.objects.filter(survey=survey, user__in=respondents).update(used=True)
        stdout.write(f"surveys: open survey with {len(respondents)} responses so far")

    if not Survey.objects.filter(title=DRAFT_TITLE).exists():
        now = timezone.now()
        draft = Survey.objects.create(
            title=DRAFT_TITLE, topic=Topic.UNION, owner_unit=units["KHTN"],
            opens_at=now + timedelta(days=3), closes_at=now + timedelta(days=17),
            created_by=accounts["officer2"])
        draft.audience_units.set([units["KHTN"]])
        section = Section.objects.create(survey=draft, title="Câu hỏi", position=0)
        _question(draft, section, 0, Question.Kind.SINGLE,
                  "Anh/chị đã từng tham gia tập huấn về công tác dư luận xã hội chưa?",
                  ["Đã tham gia", "Chưa tham gia"], required=True)


register("surveys", seed)
