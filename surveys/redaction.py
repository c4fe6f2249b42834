"""Answer links out of the logs.

A personal answer link is a credential, and the moment it was used says when its owner
answered: logged with its token, an access log joins answers to people. Every log line
the portal writes (Django's request and development-server logs, gunicorn's access and
error logs: see `gunicorn.conf.py`) passes through `redact`, which keeps the path but
replaces the token. Pure Python: gunicorn loads it before Django."""

from __future__ import annotations

import logging
import re

ANSWER_LINK = re.compile(r"(/khao-sat/p/)[^/\s\"'?#]+")
REDACTED = r"\1<token>"


def redact(text: str) -> str:
    return ANSWER_LINK.sub(REDACTED, text)


class AnswerLinkFilter(logging.Filter):
    """Rewrites a record's message (and its exception text) without answer tokens."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/khao-sat/p/" in message:
            record.msg, record.args = redact(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text and "/khao-sat/p/" in record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True
