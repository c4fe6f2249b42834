"""The targets of isolation.py, walked here without the whole demo (the shared walker in
tests/test_isolation.py does the same over the seeded demo)."""

import pytest
from django.urls import reverse

from tests.bulletins import isolation
from tests.test_isolation import OTHERS, OWNER, client_as, difference, fingerprint, refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(units, accounts):
    return isolation.objects(units["BK"], accounts)


@pytest.mark.parametrize("name", sorted(isolation.TARGETS))
def test_owner_reaches_and_others_are_refused(objects, name):
    kwargs, rows = isolation.TARGETS[name](objects)
    url = reverse(name, kwargs=kwargs)
    owner = client_as(OWNER).get(url)
    assert owner.status_code not in (403, 404) and not (owner.status_code == 302
                                                         and refused(owner))
    for role in OTHERS:
        client = client_as(role)
        for method in ("get", "post"):
            before = fingerprint(rows)
            response = client.get(url) if method == "get" else client.post(
                url, isolation.BODIES.get(name, lambda o: {})(objects))
            assert refused(response), f"{method} {url} as {role}: {response.status_code}"
            assert not difference(before, fingerprint(rows)), f"{method} as {role}"
