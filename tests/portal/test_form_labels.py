"""Every form of every app reads Vietnamese: no label left in English, and no label that
borrows another app's meaning of the same English word (a survey's title once read
"Tên lớp tập huấn", the collaborators' translation of the bare msgid "title")."""

from __future__ import annotations

import importlib
import pkgutil
from collections import defaultdict
from pathlib import Path

import polib
import pytest
from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.forms.utils import pretty_name
from django.utils import translation

from portal.signals import project_apps

pytestmark = pytest.mark.django_db

# Words Vietnamese offices write as in English.
SAME_IN_BOTH = {"Email", "Zalo", "Facebook", "Website", "URL", "CSV", "Excel", "PDF", "ID"}
# Labels that must never show on a form of the given app, whatever the catalogue says.
SPILLS = {"surveys": ["tập huấn"], "reports": ["tập huấn"], "portal": ["tập huấn"]}
# Django's own forms the portal's account pages show.
DJANGO_FORMS = [auth_forms.PasswordChangeForm, auth_forms.SetPasswordForm,
                auth_forms.PasswordResetForm]


def form_modules():
    from django.apps import apps

    for config in apps.get_app_configs():
        if config.label not in project_apps():
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.forms":
                raise
            continue
        yield config.label, module
        for info in pkgutil.walk_packages(getattr(module, "__path__", []),
                                          prefix=f"{module.__name__}."):
            yield config.label, importlib.import_module(info.name)


def form_classes():
    found = [("portal", cls) for cls in DJANGO_FORMS]
    for label, module in form_modules():
        for value in vars(module).values():
            if (isinstance(value, type) and issubclass(value, forms.BaseForm)
                    and value.__module__ == module.__name__):
                found.append((label, value))
    return found


def fields_of(form_class) -> dict:
    """The form's fields, with those its constructor adds when it can be built bare."""
    try:
        return dict(form_class().fields)
    except Exception:
        return dict(form_class.base_fields)


def catalogues() -> dict[str, Path]:
    """App label -> its Vietnamese catalogue (portal's is the root one)."""
    from django.apps import apps

    found = {"portal": Path(settings.BASE_DIR) / "locale/vi/LC_MESSAGES/django.po"}
    for config in apps.get_app_configs():
        po = Path(config.path) / "locale/vi/LC_MESSAGES/django.po"
        if config.label in project_apps() and po.exists():
            found[config.label] = po
    return found


def catalogue_translations() -> dict[str, dict[str, str]]:
    """msgid (no context) -> {app label: msgstr} over the project's own catalogues."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for app, po in catalogues().items():
        for entry in polib.pofile(str(po)):
            if entry.msgstr and not entry.msgctxt and not entry.obsolete:
                found[entry.msgid][app] = entry.msgstr
    return found


def render(label, name: str, language: str) -> str:
    with translation.override(language):
        return str(label) if label is not None else pretty_name(name)


def msgid_of(label) -> str | None:
    """The English msgid of a gettext_lazy label, also under capfirst as ModelForms put
    it (None for pgettext_lazy and plain text)."""
    args = getattr(label, "_args", None)
    if not args or len(args) != 1:
        return None
    return args[0] if isinstance(args[0], str) else msgid_of(args[0])


def label_problems() -> list[str]:
    translations = catalogue_translations()
    problems = []
    for app, form_class in form_classes():
        for name, field in fields_of(form_class).items():
            if field.widget.is_hidden:
                continue
            where = f"{form_class.__module__}.{form_class.__name__}.{name}"
            vi, en = render(field.label, name, "vi"), render(field.label, name, "en")
            if vi == en and vi not in SAME_IN_BOTH and vi.isascii() and any(
                    c.isalpha() for c in vi):
                problems.append(f"{where}: untranslated label {vi!r}")
            for wrong in SPILLS.get(app, []):
                if wrong in vi.lower():
                    problems.append(f"{where}: {vi!r} is another app's meaning")
            msgid = msgid_of(field.label)
            meanings = set(translations.get(msgid, {}).values()) if msgid else set()
            lenders = set(translations.get(msgid, {})) - {app, "portal"} if msgid else set()
            if lenders and app not in translations[msgid] and not where.startswith("django."):
                problems.append(f"{where}: {vi!r} comes from the catalogue of "
                                f"{sorted(lenders)}: translate it in {app}'s own")
            elif len(meanings) > 1 and vi.lower() != translations[msgid].get(app, "").lower():
                problems.append(f"{where}: msgid {msgid!r} means {sorted(meanings)} in "
                                f"different catalogues and shows {vi!r}: use pgettext_lazy")
    return problems


def test_every_form_is_found():
    names = {cls.__name__ for _, cls in form_classes()}
    assert {"LoginForm", "MemberCountForm", "PasswordChangeForm"} <= names
    assert len(names) > 10


def test_every_form_label_reads_vietnamese_and_means_what_its_app_means():
    problems = label_problems()
    assert problems == [], "\n".join(problems)
