"""Links and logs: a personal link reveals nothing without the secret key, the portal's
own logs never hold its token, and answering never saves the session (issue 10)."""

import base64
import io
import logging
import struct
import uuid

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils.crypto import salted_hmac

from surveys import tokens
from surveys.models import Response
from surveys.redaction import AnswerLinkFilter, redact
from surveys.services import invitation_for

from .factories import choice, member, open_yes_no_survey


class Invite:
    def __init__(self, pk=None, survey_id=7):
        self.id, self.survey_id = pk or uuid.uuid4(), survey_id


def legacy_token(invitation) -> str:
    """A link as made before links were opaque (emails already sent carry these)."""
    body = base64.urlsafe_b64encode(invitation.id.bytes + struct.pack(">I", invitation.survey_id)
                                    ).decode().rstrip("=")
    mac = base64.urlsafe_b64encode(salted_hmac(tokens.SALT, body, algorithm="sha256").digest()
                                   ).decode().rstrip("=")[:16]
    return body + mac


def test_a_link_carries_no_readable_invitation_id():
    invitation = Invite()
    token = tokens.token_for(invitation)
    raw = base64.urlsafe_b64decode(token + "=")
    assert invitation.id.bytes not in raw and invitation.id.bytes[:8] not in raw
    old = legacy_token(invitation)
    assert invitation.id.bytes in base64.urlsafe_b64decode(old[:27] + "=")  # the threat
    assert tokens.parse(token) == (invitation.id, 7)
    assert tokens.token_for(invitation) == token  # the printable page can show it again
    # Two invitations of one survey share no prefix that would betray the survey.
    assert tokens.token_for(Invite(survey_id=7))[:8] != token[:8]


def test_old_links_keep_working_and_no_altered_link_is_accepted():
    invitation = Invite()
    assert tokens.parse(legacy_token(invitation)) == (invitation.id, 7)
    token = tokens.token_for(invitation)
    for i in range(len(token)):
        for c in "AQgw_-":
            altered = token[:i] + c + token[i + 1:]
            if altered != token:
                assert tokens.parse(altered) is None, (i, c)
    assert tokens.parse(token + "A") is None and tokens.parse("") is None


def test_the_portal_logs_answer_links_without_their_token(caplog):
    token = tokens.token_for(Invite())
    record = logging.LogRecord("django.server", logging.INFO, __file__, 1, '"%s" %s %s',
                               (f"POST /khao-sat/p/{token}/ HTTP/1.1", 302, 0), None)
    assert AnswerLinkFilter().filter(record)
    assert record.getMessage() == '"POST /khao-sat/p/<token>/ HTTP/1.1" 302 0'
    assert redact(f"Not Found: /khao-sat/p/{token}/ket-qua/") == \
        "Not Found: /khao-sat/p/<token>/ket-qua/"


@pytest.mark.django_db
def test_the_configured_console_log_holds_no_token(client):
    """Through the handlers the settings install: Django's request log of a bad link."""
    token = tokens.token_for(Invite())
    console = [h for h in logging.getLogger().handlers
               if any(isinstance(f, AnswerLinkFilter) for f in h.filters)]
    assert console
    stream = io.StringIO()
    old = console[0].setStream(stream)
    try:
        assert client.get(f"/khao-sat/p/{token}/").status_code == 404
    finally:
        console[0].setStream(old)
    assert "Not Found: /khao-sat/p/<token>/" in stream.getvalue()
    assert token not in stream.getvalue()


@pytest.mark.django_db
def test_answering_logged_in_never_saves_the_session(units, client_for):
    survey, question = open_yes_no_survey(units["BK"])
    person = member(units["BK"])
    client = client_for(person)
    client.get(reverse("surveys:mine"))
    key = client.session.session_key
    saved = Session.objects.get(session_key=key).expire_date
    Session.objects.filter(session_key=key).update(expire_date=saved.replace(year=2099))
    open_url = reverse("surveys:answer_open", args=[survey.pk])
    token_url = reverse("surveys:answer_token",
                        args=[tokens.token_for(invitation_for(survey=survey, user=person))])
    assert client.get(open_url).status_code == 200 and client.get(token_url).status_code == 200
    reply = client.post(open_url, {"submission_key": str(uuid.uuid4()),
                                   f"q{question.pk}": str(choice(question, "Có").pk)})
    assert reply.status_code == 302 and client.get(reply.url).status_code == 200
    assert Response.objects.count() == 1
    assert Session.objects.get(session_key=key).expire_date.year == 2099  # never saved
    assert "Cookie" in client.get(open_url)["Vary"]
    client.get(reverse("surveys:mine"))  # elsewhere it is saved (the idle timeout holds)
    assert Session.objects.get(session_key=key).expire_date.year != 2099
