"""The areas of dispatch 360 beyond the roster and surveys: one app each inside directives/,
installed and mounted so that an area's own work touches no shared file."""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import get_resolver

AREAS = {"meetings": "/giao-ban/", "dialogue": "/doi-thoai/", "inspections": "/kiem-tra/",
         "practices": "/cach-lam-hay/", "bulletins": "/thong-tin/"}


@pytest.mark.parametrize("label", AREAS)
def test_each_area_is_an_app_of_its_own_inside_directives(label):
    config = apps.get_app_config(label)
    assert config.name == f"directives.{label}"
    folder = Path(config.path)
    assert folder.parent == Path(settings.BASE_DIR) / "directives"
    assert (folder / "migrations" / "__init__.py").exists()
    assert (folder / "locale" / "vi" / "LC_MESSAGES" / "django.mo").exists()


@pytest.mark.parametrize("label,prefix", AREAS.items())
def test_each_area_is_mounted_under_its_vietnamese_address(label, prefix):
    namespaces = get_resolver().namespace_dict
    assert label in namespaces
    assert str(namespaces[label][1].pattern) == prefix.lstrip("/")
