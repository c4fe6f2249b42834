import pytest
from django.core.exceptions import ValidationError

from portal.models import Unit
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_subtree_follows_the_tree(units):
    assert set(Unit.objects.subtree(units["BK"]).values_list("code", flat=True)) == {
        "BK", "BK-CK", "BK-KHMT", "BK-DDT", "BK-KHMT-T1"}
    assert units["BK-KHMT-T1"].depth == 3


def test_moving_a_unit_moves_everything_below_it(units):
    dept = Unit.objects.get(code="BK-KHMT")
    dept.parent = units["KHTN"]
    dept.save()
    group = Unit.objects.get(code="BK-KHMT-T1")
    assert group in Unit.objects.subtree(units["KHTN"])
    assert group not in Unit.objects.subtree(units["BK"])


def test_a_unit_cannot_be_placed_under_its_own_descendant(units):
    bk = Unit.objects.get(code="BK")
    bk.parent = Unit.objects.get(code="BK-KHMT-T1")
    with pytest.raises(ValidationError) as error:
        bk.full_clean()
    assert "parent" in error.value.message_dict


def test_unit_changes_are_kept_in_history(units):
    unit = UnitFactory(member_count=10)
    unit.member_count = 12
    unit.save()
    assert [h.member_count for h in unit.history.order_by("history_date")] == [10, 12]
