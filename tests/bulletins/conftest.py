import pytest


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploads of each test go to its own folder (MEDIA_ROOT is private storage)."""
    settings.MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


@pytest.fixture
def publish(accounts):
    """publish(**fields) -> a bulletin of BK by the BK officer, addressed to BK by default."""
    from directives.bulletins.services import bulletin_publish

    def make(*, by=None, unit=None, **data):
        by = by or accounts["officer"]
        data.setdefault("title", "Đính chính tin đồn về thu nhập tăng thêm")
        data.setdefault("body", "Thông tin **sai sự thật**.")
        return bulletin_publish(unit=unit or by.unit, by=by, data=data)

    return make
