"""The dialogue area's part of tests/test_isolation.py: its two halves, put together."""

from __future__ import annotations

import importlib.util

_HALVES = [name for name in ("sessions", "cases")
           if importlib.util.find_spec(f"tests.dialogue.{name}.isolation")]
_modules = [importlib.import_module(f"tests.dialogue.{name}.isolation") for name in _HALVES]


def objects(bk, users) -> dict:
    found: dict = {}
    for module in _modules:
        found.update(module.objects(bk, users))
    return found


TARGETS: dict = {k: v for m in _modules for k, v in m.TARGETS.items()}
BODIES: dict = {k: v for m in _modules for k, v in getattr(m, "BODIES", {}).items()}
PUBLIC: dict = {k: v for m in _modules for k, v in getattr(m, "PUBLIC", {}).items()}
ALLOWED_ROLES: dict = {k: v for m in _modules for k, v in getattr(m, "ALLOWED_ROLES", {}).items()}
