"""The walker of tests/test_isolation.py on this area's targets alone, without the whole
demo: the BK officer reaches each page; another union's officer, a BK collaborator, a BK
member and an anonymous visitor are refused and change nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.practices import isolation
from tests.practices.test_authorization import fingerprint

pytestmark = pytest.mark.django_db


def _refused(response) -> bool:
    if response.status_code in (403, 404, 405):
        return True
    return response.status_code == 302 and "/dang-nhap/" in response["Location"]


@pytest.fixture
def objects(units, accounts):
    return isolation.objects(units["BK"], accounts)


@pytest.mark.parametrize("name", sorted(isolation.TARGETS))
def test_the_owner_reaches_it(objects, accounts, client_for, name):
    kwargs, _rows = isolation.TARGETS[name](objects)
    response = client_for(accounts["officer"]).get(reverse(name, kwargs=kwargs))
    assert response.status_code not in (403, 404)  # 405: a POST-only action
    assert not (response.status_code == 302 and "/dang-nhap/" in response["Location"])


@pytest.mark.parametrize("role", ["officer2", "collaborator", "member", "anonymous"])
@pytest.mark.parametrize("name", sorted(isolation.TARGETS))
def test_everyone_else_is_refused(objects, accounts, name, role):
    kwargs, rows = isolation.TARGETS[name](objects)
    url = reverse(name, kwargs=kwargs)
    client = Client()
    if role != "anonymous":
        client.force_login(accounts[role], backend="portal.auth_backends.EmailOrUsernameBackend")
    body = isolation.BODIES.get(name, lambda o: {})(objects)
    for method, data in (("get", None), ("post", body)):
        before = fingerprint(rows)
        response = client.get(url) if data is None else client.post(url, data)
        assert _refused(response), f"{method} {url} as {role}: {response.status_code}"
        assert fingerprint(rows) == before
        assert objects["practice"].title not in response.content.decode()
