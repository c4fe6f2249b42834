"""Personal survey links: an opaque, authenticated encryption of the invitation's random id
and its survey's id under the site's secret key, in URL-safe base64.

Nothing secret is stored. The link is recomputed from the invitation and the secret key
(deterministically, so the printable page can show it again), and whoever copies the
database cannot answer in someone's name. Nothing in a link can be read without the key
either: a copied access log or a screenshot of a link does not say whose invitation it is.

The construction is SIV-like: `tag = HMAC(k1, body)[:12]`, `sealed = body XOR
HMAC(k2, tag)[:20]`, `token = base64(tag + sealed)`. Decrypting gives a body whose tag must
match: a forged or altered link fails. The survey id lets a submission be checked against
the questionnaire already in memory before anything is read from the database.

Links sent before (the invitation's id in plain base64, then a 96-bit tag) are still
accepted, so emails already sent keep working; they are no longer made.
"""

from __future__ import annotations

import base64
import binascii
import struct
import uuid
from typing import NamedTuple

from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "surveys.invitation-link"
_KEY_SALT = "surveys.invitation-link.keystream"
_TAG_BYTES = 12  # 96 bits of HMAC-SHA256
_BODY_BYTES = 20  # the invitation's 16 bytes and the survey id's 4
TOKEN_LENGTH = 43  # base64 of 32 bytes without padding (old links have the same length)
_LEGACY_BODY_LENGTH = 27


class Link(NamedTuple):
    invitation_id: uuid.UUID
    survey_id: int


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _tag(body: bytes) -> bytes:
    return salted_hmac(SALT, body, algorithm="sha256").digest()[:_TAG_BYTES]


def _xor_keystream(tag: bytes, data: bytes) -> bytes:
    stream = salted_hmac(_KEY_SALT, tag, algorithm="sha256").digest()
    return bytes(a ^ b for a, b in zip(data, stream, strict=False))


def _link(body: bytes) -> Link:
    return Link(uuid.UUID(bytes=body[:16]), struct.unpack(">I", body[16:])[0])


def token_for(invitation) -> str:
    body = invitation.id.bytes + struct.pack(">I", invitation.survey_id)
    tag = _tag(body)
    return _b64(tag + _xor_keystream(tag, body))


def parse(token: str) -> Link | None:
    """The invitation and survey a genuine token names; None for anything else."""
    if not isinstance(token, str) or len(token) != TOKEN_LENGTH:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=")
    except (binascii.Error, ValueError):
        return None
    # The last character has spare bits: only the one spelling `token_for` makes is genuine.
    if len(raw) == _TAG_BYTES + _BODY_BYTES and _b64(raw) == token:
        tag = raw[:_TAG_BYTES]
        body = _xor_keystream(tag, raw[_TAG_BYTES:])
        if constant_time_compare(_tag(body), tag):
            return _link(body)
    return _parse_legacy(token)


def _parse_legacy(token: str) -> Link | None:
    """A link made before links were opaque: readable id, then a tag of the text."""
    body = token[:_LEGACY_BODY_LENGTH]
    mac = _b64(salted_hmac(SALT, body, algorithm="sha256").digest())[:16]
    if not constant_time_compare(mac, token[_LEGACY_BODY_LENGTH:]):
        return None
    try:
        raw = base64.urlsafe_b64decode(body + "=")
    except (binascii.Error, ValueError):
        return None
    return _link(raw) if len(raw) == _BODY_BYTES else None
