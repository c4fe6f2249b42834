"""Writes of the surveys app (keyword-only, atomic, never reading a request)."""

from .builder import (
    StructureLocked,
    is_locked,
    question_create,
    question_delete,
    question_move,
    question_update,
    section_create,
    section_delete,
    section_move,
    section_update,
    survey_close,
    survey_copy,
    survey_create,
    survey_delete,
    survey_open,
    survey_publish_results,
    survey_update,
)
from .distribution import (
    answer_url,
    audience_of,
    invitation_emails_send,
    invitation_for,
    is_in_audience,
    survey_send_invitations,
    survey_send_reminders,
    survey_sync_invitations,
)
from .submission import (
    Submission,
    SubmissionRefused,
    record_response,
    submit_by_link,
    survey_submit,
)

__all__ = [
    "StructureLocked", "Submission", "SubmissionRefused", "answer_url", "audience_of",
    "invitation_emails_send", "invitation_for", "is_in_audience", "is_locked",
    "question_create", "question_delete", "question_move", "question_update",
    "section_create", "section_delete", "section_move", "section_update", "survey_close",
    "survey_copy", "survey_create", "survey_delete", "survey_open", "survey_publish_results",
    "survey_send_invitations", "survey_send_reminders", "survey_submit",
    "survey_sync_invitations", "survey_update", "record_response", "submit_by_link",
]
