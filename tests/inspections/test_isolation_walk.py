"""The walk of tests/test_isolation.py over this area's pages alone (the shared test walks
every app's; this one keeps the area's check running while the others change)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from tests.inspections import isolation
from tests.test_isolation import OTHERS, OWNER, client_as, difference, fingerprint, refused


@pytest.fixture(autouse=True)
def _private_media():
    """The files saved with the module's objects stay where they were saved."""


@pytest.fixture(scope="module")
def objs(django_db_setup, django_db_blocker):
    from portal.models import Unit, User

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("seed_demo", stdout=StringIO())
            users = {u.username: u for u in User.objects.filter(
                username__in=[OWNER, *OTHERS])}
            yield isolation.objects(Unit.objects.get(code="BK"), users)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_every_pattern_with_an_id_is_a_target():
    from tests.test_isolation import PATTERNS

    mine = {p.name for p in PATTERNS if p.name.startswith("inspections:")}
    assert mine == set(isolation.TARGETS)


@pytest.mark.parametrize("name", sorted(isolation.TARGETS))
def test_the_owner_reaches_it_and_others_are_refused(objs, db, name):
    kwargs, rows = isolation.TARGETS[name](objs)
    url = reverse(name, kwargs=kwargs)
    response = client_as(OWNER).get(url)
    assert response.status_code not in (403, 404) and not (
        response.status_code == 302 and refused(response)), response.status_code
    body = isolation.BODIES.get(name, lambda o: {})(objs)
    problems = []
    for role in OTHERS:
        client = client_as(role)
        for method in ("get", "post"):
            before = fingerprint(rows)
            response = client.post(url, body) if method == "post" else client.get(url)
            if not refused(response):
                problems.append(f"{method} {url} as {role}: {response.status_code}")
            if changed := difference(before, fingerprint(rows)):
                problems.append(f"{method} {url} as {role} changed {changed}")
    assert not problems, "\n".join(problems)
