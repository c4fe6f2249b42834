"""The dialogue area's part of tests/test_service_authorization.py: its two halves' cases
(`tests/dialogue/<half>/authorization.py`, each run by that half's test_authorization.py),
put together."""

from __future__ import annotations

import importlib
import importlib.util

_HALVES = [name for name in ("sessions", "cases")
           if importlib.util.find_spec(f"tests.dialogue.{name}.authorization")]


def cases() -> dict:
    found: dict = {}
    for name in _HALVES:
        found.update(importlib.import_module(f"tests.dialogue.{name}.authorization").cases())
    return found


PERSONAL: set[str] = {name for half in _HALVES for name in getattr(
    importlib.import_module(f"tests.dialogue.{half}.authorization"), "PERSONAL", set())}
