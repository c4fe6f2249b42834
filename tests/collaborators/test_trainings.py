from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from collaborators.models import Attendance, Collaborator, Training

from .factories import CollaboratorFactory, TrainingFactory, attend

pytestmark = pytest.mark.django_db


def test_officer_adds_a_training_then_records_attendance(client_for, accounts, units):
    client = client_for(accounts["officer"])
    response = client.post(reverse("collaborators:training_create"), {
        "title": "  Kỹ năng   viết phiếu phản ánh ", "held_on": "2026-10-02",
        "organiser": units["BK"].pk, "hours": "3,5", "place": "Phòng A4", "content": ""})
    training = Training.objects.get()
    assert training.title == "Kỹ năng viết phiếu phản ánh" and str(training.hours) == "3.5"
    assert response["Location"] == reverse("collaborators:training_attendance",
                                           args=[training.pk])
    a = CollaboratorFactory(unit=units["BK-CK"], full_name="Nguyễn Văn A")
    b = CollaboratorFactory(unit=units["BK"], full_name="Trần Thị B")
    CollaboratorFactory(unit=units["BK"], full_name="Đã Thôi", status=Collaborator.Status.ENDED)
    page = client.get(response["Location"]).content.decode()
    assert "Nguyễn Văn A · BK-CK" in page and "Đã Thôi" not in page
    response = client.post(response["Location"], {"don-vi": units["BK"].pk,
                                                  "present": [a.pk, b.pk]}, follow=True)
    assert "Đã lưu: thêm 2, bỏ 0 người tham dự." in response.content.decode()
    client.post(reverse("collaborators:training_attendance", args=[training.pk]),
                {"don-vi": units["BK"].pk, "present": [a.pk]})
    assert list(Attendance.objects.values_list("collaborator", flat=True)) == [a.pk]
    assert Attendance.history.filter(history_type="-").count() == 1  # removal kept


def test_attendance_of_one_unit_leaves_the_others_alone(client_for, accounts, units):
    training = TrainingFactory(organiser=units["CDDHQG"])
    theirs = CollaboratorFactory(unit=units["KHTN"])
    attend(training, theirs)
    mine = CollaboratorFactory(unit=units["BK"])
    client_for(accounts["officer"]).post(
        reverse("collaborators:training_attendance", args=[training.pk]),
        {"don-vi": units["BK"].pk, "present": [mine.pk]})
    assert set(Attendance.objects.values_list("collaborator", flat=True)) == {theirs.pk, mine.pk}


def test_an_officer_cannot_tick_another_units_people(client_for, accounts, units):
    training = TrainingFactory(organiser=units["BK"])
    theirs = CollaboratorFactory(unit=units["KHTN"])
    response = client_for(accounts["officer"]).post(
        reverse("collaborators:training_attendance", args=[training.pk]),
        {"don-vi": units["KHTN"].pk, "present": [theirs.pk]})
    assert response.status_code == 200 and "present" in response.context["form"].errors
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("field,value,message", [
    ("title", "", "bắt buộc"), ("held_on", "31/02/2026", "ngày"), ("hours", "0", "ít nhất nửa giờ"),
    ("hours", "abc", "số giờ"), ("hours", "1.25", "nửa giờ"), ("hours", "2000", "200 giờ"),
    ("held_on", "1999-01-01", "quá xa"),
])
def test_bad_training_input_is_refused(client_for, accounts, units, field, value, message):
    data = {"title": "Tập huấn", "held_on": "2026-10-02", "organiser": units["BK"].pk,
            "hours": "3", "place": "", "content": ""}
    data[field] = value
    response = client_for(accounts["officer"]).post(reverse("collaborators:training_create"),
                                                    data)
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors.lower() or message in errors, errors
    assert not Training.objects.exists()


def test_officers_see_trainings_of_their_tree_and_above_not_of_others(client_for, accounts,
                                                                      units):
    TrainingFactory(organiser=units["CDDHQG"], title="Cấp ĐHQG")
    TrainingFactory(organiser=units["BK-CK"], title="Khoa Cơ khí")
    other = TrainingFactory(organiser=units["KHTN"], title="Của Tự Nhiên")
    client = client_for(accounts["officer"])
    titles = {t.title for t in client.get(reverse("collaborators:training_list"))
              .context["trainings"]}
    assert titles == {"Cấp ĐHQG", "Khoa Cơ khí"}
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(reverse("collaborators:training_edit", args=[other.pk])).status_code == 404
    vnu = Training.objects.get(title="Cấp ĐHQG")
    assert client.get(reverse("collaborators:training_edit", args=[vnu.pk])).status_code == 404


def test_a_collaborator_sees_the_trainings_they_attended(client_for, accounts, units):
    me = CollaboratorFactory(unit=units["BK"], account=accounts["collaborator"])
    attend(TrainingFactory(organiser=units["KHTN"], title="Đã dự"), me)
    TrainingFactory(organiser=units["BK"], title="Không dự")
    client = client_for(accounts["collaborator"])
    page = client.get(reverse("collaborators:training_list")).content.decode()
    assert "Đã dự" in page and "Không dự" not in page and "anh/chị đã tham dự" in page
    assert client.get(reverse("collaborators:training_create")).status_code == 403


def test_untrained_in_twelve_months(units):
    today = timezone.localdate()
    recent, old, never = (CollaboratorFactory(unit=units["BK"]) for _ in range(3))
    paused = CollaboratorFactory(unit=units["BK"], status=Collaborator.Status.PAUSED)
    attend(TrainingFactory(organiser=units["BK"], held_on=today - timedelta(days=364)), recent)
    attend(TrainingFactory(organiser=units["BK"], held_on=today - timedelta(days=400)), old)
    assert set(Collaborator.objects.untrained()) == {old, never}
    assert paused not in Collaborator.objects.untrained()


def test_training_list_shows_how_many_are_untrained(client_for, accounts, units):
    CollaboratorFactory(unit=units["BK"])
    CollaboratorFactory(unit=units["KHTN"])
    page = client_for(accounts["officer"]).get(reverse("collaborators:training_list"))
    assert "1 cộng tác viên đang hoạt động chưa được tập huấn" in page.content.decode()
