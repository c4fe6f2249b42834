"""The import picture of docs/architecture.md, checked on the source: apps lean on portal,
reports reads only what apps register, and nothing imports upwards."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
FEATURES = {"collaborators", "surveys", "directives", "reports"}
# app -> the project packages it may import (besides itself)
ALLOWED = {
    "portal": set(),
    "collaborators": {"portal"},
    "surveys": {"portal"},
    "directives": {"portal", "collaborators", "surveys"},
    "reports": {"portal"},
}


def imports_of(package: str) -> dict[str, set[str]]:
    """{module path: top-level project packages it imports}, migrations left out (they
    name other apps' models as strings, not imports)."""
    found = {}
    for path in (ROOT / package).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        names = set()
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names & (FEATURES | {"portal"})
    return found


@pytest.mark.parametrize("package", ALLOWED)
def test_imports_go_down_only(package):
    wrong = {module: sorted(names - ALLOWED[package] - {package})
             for module, names in imports_of(package).items()
             if names - ALLOWED[package] - {package}}
    assert not wrong, f"{package} imports what it may not: {wrong}"


def test_reports_reads_apps_only_through_the_registries():
    registries = {"portal.contributions", "portal.documents"}
    used = set()
    for path in (ROOT / "reports").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module in registries:
                used.add(node.module)
    assert used == registries
