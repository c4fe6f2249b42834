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


AREAS = ("meetings", "dialogue", "inspections", "practices", "bulletins")
# area -> the sibling areas it may import (docs/architecture.md, "Between two area apps")
AREA_IMPORTS = {
    "meetings": set(),
    "dialogue": set(),
    "inspections": set(),
    "practices": {"inspections"},
    "bulletins": {"dialogue"},
}


def _area_imports(folder: Path) -> dict[str, set[str]]:
    found = {}
    for path in folder.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        names = set()
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            modules = []
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules = [node.module]
            names |= {m.split(".")[1] for m in modules
                      if m.startswith("directives.") and m.split(".")[1] in AREAS}
        found[str(path.relative_to(ROOT))] = names
    return found


def test_directives_itself_imports_no_area():
    core = {path: names for path, names in _area_imports(ROOT / "directives").items()
            if Path(path).parts[1] not in AREAS and names}
    assert not core, f"directives imports its areas (they lean on it, not the reverse): {core}"


@pytest.mark.parametrize("area", AREAS)
def test_an_area_imports_only_the_siblings_written_down(area):
    allowed = AREA_IMPORTS[area] | {area}
    wrong = {path: sorted(names - allowed)
             for path, names in _area_imports(ROOT / "directives" / area).items()
             if names - allowed}
    assert not wrong, f"{area} imports areas not written down in docs/architecture.md: {wrong}"


def test_the_written_down_imports_go_one_way():
    for area, siblings in AREA_IMPORTS.items():
        for sibling in siblings:
            assert area not in AREA_IMPORTS[sibling], f"{area} and {sibling} import each other"
