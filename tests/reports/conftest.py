import subprocess
from datetime import date

import pytest

from reports.periods import Period
from tests.services import need_pdf_tools


@pytest.fixture
def media(settings, tmp_path):
    """Private files in a folder of the test's own; every test that renders uses it."""
    need_pdf_tools()
    settings.MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


@pytest.fixture
def period():
    return Period(date(2026, 9, 20), date(2026, 10, 19))


@pytest.fixture
def run_jobs(django_capture_on_commit_callbacks):
    """Run what a request enqueued on commit (eagerly, in this process)."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
