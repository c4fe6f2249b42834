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


@pytest.fixture
def units(db):
    """The demo organisation: top unit, grassroots unions, departmental unions, groups."""
    from portal.demo import seed_units

    return seed_units()


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
