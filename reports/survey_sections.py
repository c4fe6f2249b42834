"""The body of a survey results report: written by the surveys app, which registers the
document subject "survey" (`surveys/report_document.py`)."""

from __future__ import annotations

from portal.contributions import document_subject

from .content import Section


def survey_sections(report) -> list[Section]:
    return document_subject("survey").sections(report.survey)
