"""The issue's scale: 5,000 collaborators in 40 units. The roster list and the coverage page
take the same number of queries as with a handful of people."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collaborators.models import Attendance, Collaborator
from tests.factories import UnitFactory

from .factories import CollaboratorFactory, TrainingFactory

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_pages_at_5000_collaborators_in_40_units(client_for, accounts, units):
    extra = [UnitFactory(parent=units["BK" if i % 2 else "KHTN"], member_count=50 + i)
             for i in range(40 - len(units))]
    every_unit = [*units.values(), *extra]
    assert len(every_unit) == 40
    pages = [reverse("collaborators:list") + "?trained=no&q=nguyen",
             reverse("collaborators:list") + "?page=3", reverse("collaborators:coverage"),
             reverse("collaborators:hot_topics"), reverse("home")]
    committee = client_for(accounts["committee"])
    for url in pages:
        committee.get(url)  # warm the session
    CollaboratorFactory(unit=units["BK"], full_name="Nguyễn Văn Một")
    before = {url: queries(committee, url) for url in pages}

    people = []
    for n in range(5000):
        person = Collaborator(unit=every_unit[n % 40], full_name=f"Nguyễn Văn Số {n}",
                              email=f"p{n}@x.vn", phone=f"08{n:08d}", birth_year=1960 + n % 40,
                              group=Collaborator.Group.values[n % 7],
                              status="active" if n % 10 else "paused")
        person.refresh_derived()
        people.append(person)
    Collaborator.objects.bulk_create(people, batch_size=500)
    training = TrainingFactory(organiser=units["CDDHQG"])
    Attendance.objects.bulk_create(
        [Attendance(training=training, collaborator=p)
         for p in Collaborator.objects.all()[:2500]], batch_size=500)

    after = {url: queries(committee, url) for url in pages}
    assert after == before
