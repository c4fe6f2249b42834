import pytest


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploads of each test go to its own folder (MEDIA_ROOT is private storage)."""
    settings.MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT
