"""Personal survey links: `<invitation id><keyed hash>`, in URL-safe base64.

Nothing secret is stored. The link is recomputed from the invitation's random id and the
site's secret key, so the printable page can show it again, and whoever copies the
database cannot answer in someone's name. A forged or altered link fails the hash."""

from __future__ import annotations

import base64
import binascii
import uuid

from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "surveys.invitation-link"
_ID_LENGTH = 22  # base64 of 16 bytes, without padding
_MAC_LENGTH = 16  # 96 bits of HMAC-SHA256
TOKEN_LENGTH = _ID_LENGTH + _MAC_LENGTH


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _mac(invitation_id: uuid.UUID) -> str:
    return _b64(salted_hmac(SALT, invitation_id.hex, algorithm="sha256").digest())[:_MAC_LENGTH]


def token_for(invitation_id: uuid.UUID) -> str:
    return _b64(invitation_id.bytes) + _mac(invitation_id)


def invitation_id_from(token: str) -> uuid.UUID | None:
    """The invitation id a well-formed, genuine token names; None for anything else."""
    if not isinstance(token, str) or len(token) != TOKEN_LENGTH:
        return None
    try:
        raw = base64.urlsafe_b64decode(token[:_ID_LENGTH] + "==")
        invitation_id = uuid.UUID(bytes=raw)
    except (binascii.Error, ValueError):
        return None
    if not constant_time_compare(_mac(invitation_id), token[_ID_LENGTH:]):
        return None
    return invitation_id
