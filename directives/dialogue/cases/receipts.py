"""Receipt codes: how a member follows an anonymous case without an account.

The code is random (`secrets`), shown once, and stored only as a keyed hash (HMAC with the
project's secret key): the database alone neither holds a usable code nor says who got it.
It is made of twelve letters and digits that cannot be mistaken for one another on a phone
(no 0/O, 1/I/L), written in three groups of four; typing it in lower case, with spaces or
without the dashes works too.

Guessing is rate-limited in the cache, per client and in all: `DIALOGUE_RECEIPT_ATTEMPTS`
(10) tries per `DIALOGUE_RECEIPT_WINDOW_MINUTES` (15) for one client. The client's address
is only hashed into a cache key that expires: nothing about it is stored with a case."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 12
SALT = "dialogue.cases.receipt"


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, LENGTH, 4))


def normalise(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def code_hash(code: str) -> str:
    return salted_hmac(SALT, normalise(code), algorithm="sha256").hexdigest()


def _limit() -> tuple[int, int]:
    attempts = int(getattr(settings, "DIALOGUE_RECEIPT_ATTEMPTS", 10))
    minutes = int(getattr(settings, "DIALOGUE_RECEIPT_WINDOW_MINUTES", 15))
    return attempts, minutes * 60


def _key(client: str) -> str:
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client}".encode()).hexdigest()[:32]
    return f"dialogue:receipt-tries:{digest}"


def too_many_tries(client: str) -> bool:
    attempts, _window = _limit()
    return (cache.get(_key(client)) or 0) >= attempts


def count_try(client: str) -> None:
    _attempts, window = _limit()
    key = _key(client)
    if not cache.add(key, 1, timeout=window):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=window)
