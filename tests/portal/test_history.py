"""The change history: one differ for every model, records of different models side by
side, each change compared with the version before it of the same record."""

import pytest
from django.urls import reverse

from portal.history import recent_changes, record_history
from portal.models import Unit
from tests.collaborators.factories import CollaboratorFactory
from tests.surveys.factories import SurveyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def interleaved(units):
    """Changes of three models, interleaved, so that their history ids overlap."""
    survey = SurveyFactory(owner_unit=units["BK"], title="Khảo sát A", status="draft")
    person = CollaboratorFactory(unit=units["BK"], full_name="Trần Văn Một")
    unit = Unit.objects.get(code="BK-CK")
    for step in range(3):
        survey.title = f"Khảo sát A{step}"
        survey.save()
        person.full_name = f"Trần Văn Một {step}"
        person.save()
        unit.member_count = 300 + step
        unit.save()
    return survey, person, unit


def test_every_change_is_compared_with_its_own_record(interleaved):
    survey, person, unit = interleaved
    entries = recent_changes(limit=100)
    values = [tuple(change[1:]) for e in entries if e.verb == "~" for change in e.changes]
    assert ("Khảo sát A1", "Khảo sát A2") in values
    assert ("Trần Văn Một 1", "Trần Văn Một 2") in values
    assert ("301", "302") in values
    # Nothing is ever compared with a record of another model.
    assert not any(old.startswith("Khảo sát") and not new.startswith("Khảo sát")
                   for old, new in values)


def test_the_history_page_shows_several_models_side_by_side(client_for, accounts,
                                                            interleaved):
    page = client_for(accounts["committee"]).get(reverse("portal:audit_log"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "<del>Khảo sát A0</del> → Khảo sát A1" in text
    assert "<del>Trần Văn Một 1</del> → Trần Văn Một 2" in text
    assert "<del>300</del> → 301" in text


def test_filtering_by_one_model_keeps_its_changes(client_for, accounts, interleaved):
    client = client_for(accounts["committee"])
    text = client.get(reverse("portal:audit_log"), {"model": "portal.unit"}).content.decode()
    assert "<del>301</del> → 302" in text and "Khảo sát A1" not in text


def test_one_records_history_reads_its_changes_newest_first(interleaved):
    survey, person, unit = interleaved
    entries = record_history(person)
    assert [e.verb for e in entries] == ["~", "~", "~", "+"]
    assert [c[1:] for c in entries[0].changes if "Một" in c[1]] == [
        ("Trần Văn Một 1", "Trần Văn Một 2")]


def test_a_login_is_not_a_change(client, accounts):
    member = accounts["member"]
    before = member.history.count()
    response = client.post(reverse("login"), {"username": "member", "password": "demo12345"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.last_login is not None
    assert member.history.count() == before


def test_a_change_to_a_record_keyed_by_other_than_id_is_compared(client_for, accounts):
    """A public holiday's primary key is its day."""
    from datetime import date

    from portal.models import Holiday

    holiday, _ = Holiday.objects.update_or_create(day=date(2040, 9, 3),
                                                  defaults={"name": "Nghỉ bù A"})
    holiday.name = "Nghỉ bù B"
    holiday.save()
    page = client_for(accounts["committee"]).get(reverse("portal:audit_log"))
    assert page.status_code == 200
    assert "<del>Nghỉ bù A</del> → Nghỉ bù B" in page.content.decode()
