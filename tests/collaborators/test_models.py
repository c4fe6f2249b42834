import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from collaborators.models import Collaborator
from portal.text import name_sort_key

from .factories import CollaboratorFactory

pytestmark = pytest.mark.django_db


def test_search_and_sort_columns_follow_the_name(units):
    person = CollaboratorFactory(unit=units["BK"], full_name="Nguyễn Văn Ân",
                                 email="an@hcmut.edu.vn", phone="0912345678")
    assert person.sort_given == "an" and person.sort_rest == "nguyen van"
    assert "nguyen van an" in person.search_text and "0912345678" in person.search_text
    person.full_name = "Lê Thị Đào"
    person.save(update_fields=["full_name"])
    person.refresh_from_db()
    assert person.sort_given == "dao" and "le thi dao" in person.search_text


def test_roster_order_is_the_vietnamese_one(units):
    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Anh", "Phạm Minh Ân", "Võ An"]
    for name in names:
        CollaboratorFactory(unit=units["BK"], full_name=name)
    stored = list(Collaborator.objects.values_list("full_name", flat=True))
    assert stored == sorted(names, key=name_sort_key)
    assert stored[:3] == ["Nguyễn Thị An", "Phạm Minh Ân", "Võ An"]  # then family name


def test_one_email_and_one_phone_per_person(units):
    CollaboratorFactory(unit=units["BK"], email="a@x.vn", phone="0911111111")
    with pytest.raises(IntegrityError):
        CollaboratorFactory(unit=units["KHTN"], email="A@X.VN", phone="0922222222")


def test_same_phone_is_refused_with_a_vietnamese_message(units):
    CollaboratorFactory(unit=units["BK"], phone="0911111111")
    other = CollaboratorFactory.build(unit=units["KHTN"], phone="0911111111")
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert "Số điện thoại này đã thuộc về một cộng tác viên khác." in str(error.value)


def test_people_without_email_or_phone_do_not_collide(units):
    CollaboratorFactory(unit=units["BK"], email="", phone="")
    CollaboratorFactory(unit=units["BK"], email="", phone="")
    assert Collaborator.objects.count() == 2


def test_changes_are_kept_in_history(units, accounts):
    person = CollaboratorFactory(unit=units["BK"])
    person.position = "Giảng viên chính"
    person.save()
    assert person.history.count() == 2
    assert person.history.first().position == "Giảng viên chính"
