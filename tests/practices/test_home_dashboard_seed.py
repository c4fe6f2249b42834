"""The home panel, the dashboard's columns and panel, the menu, the demo seed."""

from io import StringIO

import pytest
from django.urls import reverse

from directives.practices.models import Adoption, Practice
from directives.practices.services import adoption_record
from portal.contributions import Frame, data_version, indicators, panels
from portal.models import Unit
from portal.periods import Period
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


def test_home_shows_the_newest_endorsed_practices(units, accounts, client_for):
    make_practice(units["BK"], accounts["officer"], state="endorsed", title="Mã QR nhân rộng")
    make_practice(units["BK"], accounts["officer"], title="Chưa công nhận")
    page = client_for(accounts["member"]).get(reverse("home")).content.decode()
    assert "Cách làm hay nên nhân rộng" in page and "Mã QR nhân rộng" in page
    assert "Chưa công nhận" not in page


def test_menu_has_the_library_for_everyone(accounts, client_for):
    for role in ("member", "collaborator", "officer"):
        page = client_for(accounts[role]).get(reverse("home")).content.decode()
        assert reverse("practices:library") in page, role


def test_dashboard_columns_count_published_and_adopted_per_unit(units, accounts):
    from django.utils import timezone

    practice = make_practice(units["BK"], accounts["officer"])
    make_practice(units["BK"], accounts["officer"], state="draft", title="Nháp")
    adoption_record(practice=practice, unit=units["KHTN"], adopted_on=timezone.localdate(),
                    outcome="Tốt", rating=5, by=accounts["officer2"])
    top = units["CDDHQG"]
    frame = Frame(top, list(Unit.objects.filter(parent=top)), Period.last_days(30))
    columns = {i.key: i for i in indicators()}
    published = columns["practices_published"].compute(frame)
    adopted = columns["practices_adopted"].compute(frame)
    assert published[units["BK"].pk].value == 1 and published[top.pk].value == 1
    assert published[units["KHTN"].pk].value == 0
    assert adopted[units["KHTN"].pk].value == 1 and adopted[units["BK"].pk].value == 0
    assert f"don-vi={units['BK'].pk}" in published[units["BK"].pk].url
    panel = next(p for p in panels() if p.key == "practices")
    assert panel.context(frame)["practices"] == [practice]


def test_the_data_version_moves_with_an_adoption(units, accounts):
    from django.utils import timezone

    practice = make_practice(units["BK"], accounts["officer"])
    before = data_version()
    adoption_record(practice=practice, unit=units["KHTN"], adopted_on=timezone.localdate(),
                    outcome="Tốt", rating=5, by=accounts["officer2"])
    assert data_version() != before


def test_seed_is_idempotent_and_shows_adoptions(units, accounts, client_for):
    from directives.practices.seed import seed

    seed(stdout=StringIO())
    counts = (Practice.objects.count(), Adoption.objects.count())
    seed(stdout=StringIO())
    assert (Practice.objects.count(), Adoption.objects.count()) == counts
    assert counts[0] >= 8 and counts[1] >= 5
    assert Practice.objects.endorsed().count() >= 3
    endorsed = Practice.objects.endorsed().order_by("pk").first()
    page = client_for(accounts["member"]).get(endorsed.get_absolute_url()).content.decode()
    assert endorsed.adoptions.first().unit.name in page
