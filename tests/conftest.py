import pytest

from tests import services


def pytest_configure(config):
    from django.conf import settings

    if services.REQUIRED and "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        raise pytest.UsageError(
            "PORTAL_REQUIRE_SERVICES=1 needs DATABASE_URL on PostgreSQL, got "
            + settings.DATABASES["default"]["ENGINE"]
        )


def pytest_unconfigure(config):
    """The run's own folder (database, files, broker) goes with the run that made it."""
    import os
    import shutil

    from django.conf import settings

    run_dir = getattr(settings, "TEST_RUN_DIR", None)
    if run_dir and settings.TEST_RUN_ID == str(os.getpid()):
        shutil.rmtree(run_dir, ignore_errors=True)


def pytest_terminal_summary(terminalreporter):
    from django.db import connection

    terminalreporter.write_line(f"database: {connection.vendor}")
    for line in services.summary_lines():
        terminalreporter.write_line(line, yellow=True, bold=True)


# The demo organisation's units are written once per test session, right after the test
# database is made, instead of once per test (accounts stay per test: a test that asks only
# for `units` counts on finding no member in them). Tests run in a
# transaction rolled back at their end, so they all find it as it was; a transactional test
# (a live server, a real worker) empties the database at its end, and the hook below writes
# the organisation again before the next test.
_db_blocker = None


def _seed_demo_organisation() -> None:
    from portal.demo import seed_units

    seed_units()


def _demo_organisation_missing() -> bool:
    from portal.demo import TOP
    from portal.models import Unit

    return not Unit.objects.filter(code=TOP[0]).exists()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    global _db_blocker
    _db_blocker = django_db_blocker
    with django_db_blocker.unblock():
        _seed_demo_organisation()


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    names = getattr(item, "fixturenames", ())
    return bool((marker and marker.kwargs.get("transaction"))
                or "transactional_db" in names or "live_server" in names)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    # After the last test the test database is already gone with the session's fixtures.
    if nextitem is not None and _db_blocker is not None and _is_transactional(item):
        with _db_blocker.unblock():
            if _demo_organisation_missing():
                _seed_demo_organisation()


@pytest.fixture
def units(db):
    """The demo organisation: top unit, grassroots unions, departmental unions, groups."""
    from portal.demo import BELOW, GRASSROOTS, TOP
    from portal.models import Unit

    codes = [TOP[0], *(code for code, *_ in GRASSROOTS), *(code for code, *_ in BELOW)]
    found = {unit.code: unit for unit in Unit.objects.filter(code__in=codes)}
    if len(found) < len(codes):  # emptied by a transactional test in this same test
        from portal.demo import seed_units

        return seed_units()
    return found


@pytest.fixture
def accounts(units):
    """One account per demo role (committee, officer, officer2, collaborator, member, admin)."""
    from portal.demo import seed_accounts

    return seed_accounts(units)


@pytest.fixture
def client_for(client):
    """client_for(user) -> the test client logged in as that user."""

    def login(user):
        client.force_login(user, backend="portal.auth_backends.EmailOrUsernameBackend")
        return client

    return login


@pytest.fixture(autouse=True)
def _fresh_caches():
    from django.core.cache import cache

    from portal.workdays import forget_holidays

    cache.clear()
    forget_holidays()  # a holiday a test added was rolled back with it
    yield
