"""Personal survey links: the invitation's random id and its survey's id, with a keyed hash,
in URL-safe base64.

Nothing secret is stored. The link is recomputed from the invitation and the site's secret
key, so the printable page can show it again, and whoever copies the database cannot
answer in someone's name. A forged or altered link fails the hash. The survey id lets a
submission be checked against the questionnaire already in memory before anything is
read from the database."""

from __future__ import annotations

import base64
import binascii
import struct
import uuid
from typing import NamedTuple

from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "surveys.invitation-link"
_BODY_LENGTH = 27  # base64 of 16 + 4 bytes, without padding
_MAC_LENGTH = 16  # 96 bits of HMAC-SHA256
TOKEN_LENGTH = _BODY_LENGTH + _MAC_LENGTH


class Link(NamedTuple):
    invitation_id: uuid.UUID
    survey_id: int


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _mac(body: str) -> str:
    return _b64(salted_hmac(SALT, body, algorithm="sha256").digest())[:_MAC_LENGTH]


def token_for(invitation) -> str:
    body = _b64(invitation.id.bytes + struct.pack(">I", invitation.survey_id))
    return body + _mac(body)


def parse(token: str) -> Link | None:
    """The invitation and survey a genuine token names; None for anything else."""
    if not isinstance(token, str) or len(token) != TOKEN_LENGTH:
        return None
    body = token[:_BODY_LENGTH]
    if not constant_time_compare(_mac(body), token[_BODY_LENGTH:]):
        return None
    try:
        raw = base64.urlsafe_b64decode(body + "=")
    except (binascii.Error, ValueError):
        return None
    if len(raw) != 20:
        return None
    return Link(uuid.UUID(bytes=raw[:16]), struct.unpack(">I", raw[16:])[0])
