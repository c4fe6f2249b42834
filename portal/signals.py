"""The portal's receivers: text stored composed (NFC), and logins kept out of history.

Every text a person types is stored composed (NFC), whatever path wrote it.

"Nguyễn" typed on a Mac or pasted from some PDFs arrives decomposed (e + combining marks):
stored so, it sorts, searches, deduplicates and exports as a different name from the same
name typed on Windows. A `pre_save` receiver covers every model of the project's own
apps, so forms, services, the admin and imports that save rows are covered at once;
`portal.forms.ComposedTextMixin` composes a form's input before its own checks run.
Bulk writes (`bulk_create`, `update`) send no signal and compose their values themselves."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import models
from django.db.models.signals import pre_save
from django.utils import timezone

from .text import nfc


@cache
def project_apps() -> frozenset[str]:
    """Labels of the apps of this repository (not Django's, not installed packages')."""
    base = Path(settings.BASE_DIR).resolve()
    return frozenset(
        config.label for config in apps.get_app_configs()
        if base in Path(config.path).resolve().parents
        and not {".venv", "site-packages"} & set(Path(config.path).parts)
    )


@cache
def text_fields(model: type[models.Model]) -> tuple[str, ...]:
    if model._meta.app_label not in project_apps():
        return ()
    return tuple(f.attname for f in model._meta.concrete_fields
                 if isinstance(f, (models.CharField, models.TextField)))


def compose_text(sender, instance, **kwargs) -> None:
    for name in text_fields(sender):
        value = getattr(instance, name)
        if isinstance(value, str) and not value.isascii():
            setattr(instance, name, nfc(value))


def record_login(sender, request, user, **kwargs) -> None:
    """Django's update_last_login, without a history row: a login changes nothing anyone
    needs to audit, and one empty "saved" line per login buried the real changes on the
    change history page."""
    user.last_login = timezone.now()
    user.skip_history_when_saving = True
    try:
        user.save(update_fields=["last_login"])
    finally:
        del user.skip_history_when_saving


def connect() -> None:
    pre_save.connect(compose_text, dispatch_uid="portal.compose_text")
    user_logged_in.disconnect(dispatch_uid="update_last_login")
    user_logged_in.connect(record_login, dispatch_uid="portal.record_login")
