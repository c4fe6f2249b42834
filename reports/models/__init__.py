"""The reports app's models: the official periodic reports and their numbering
(`official`), and what each piece adds in a module of its own."""

from .issued import IssuedDocument, IssuedDocumentQuerySet
from .official import DocumentSettings, Report, ReportCounter, ReportQuerySet
from .unit_reports import UnitReport, UnitReportIssue

__all__ = ["DocumentSettings", "IssuedDocument", "IssuedDocumentQuerySet", "Report",
           "ReportCounter", "ReportQuerySet", "UnitReport", "UnitReportIssue"]
