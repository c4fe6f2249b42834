"""Answering leaves no trace in the session table.

`SESSION_SAVE_EVERY_REQUEST` saves a logged-in member's session row (its expiry, so the
moment) on every request: saved while answering, it would date the answer, and join it to
the member through the session. This session middleware (it replaces Django's in
settings) saves as Django's does everywhere else, so the idle timeout keeps working, but
never on the answering pages: the personal link (form, answer, its results), the open
link of a logged-in member and the thank-you page. A session these pages change (none
does today) is still saved."""

from __future__ import annotations

from django.contrib.sessions.middleware import SessionMiddleware
from django.utils.cache import patch_vary_headers

ANSWERING = frozenset({"surveys:answer_token", "surveys:answer_open", "surveys:thanks",
                       "surveys:published_by_token"})


class SessionUntouchedWhenAnswering(SessionMiddleware):
    def process_response(self, request, response):
        match = getattr(request, "resolver_match", None)
        session = getattr(request, "session", None)
        if (match is None or match.view_name not in ANSWERING or session is None
                or session.modified):  # a change is always kept; only the refresh is skipped
            return super().process_response(request, response)
        if session.accessed:
            patch_vary_headers(response, ("Cookie",))
        return response
