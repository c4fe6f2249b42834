"""Official documents issued from an area's record (an inspection's conclusion), numbered in
the same yearly sequences as the periodic reports (`ReportCounter`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.files import RandomName
from portal.permissions import ScopedQuerySet

if TYPE_CHECKING:
    from portal.models import User


class IssuedDocumentQuerySet(ScopedQuerySet):
    unit_lookup = "issuer"


class IssuedDocument(models.Model):
    """One numbered document about one record of a registered `DocumentSubject` kind. The
    record is named by kind and id, not by a foreign key: `reports` knows no area's
    models. Its files are made once, when it is issued, and never change afterwards."""

    kind = models.CharField(_("kind"), max_length=40)
    subject_id = models.PositiveBigIntegerField()
    issuer = models.ForeignKey("portal.Unit", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("issuing unit"))
    subject_line = models.CharField(_("subject"), max_length=400)
    document_name = models.CharField(_("document type"), max_length=40)
    year = models.PositiveSmallIntegerField()
    symbol = models.CharField(max_length=40)
    number = models.PositiveIntegerField()
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("issued by"))
    pdf = models.FileField(upload_to=RandomName("issued"), blank=True)
    docx = models.FileField(upload_to=RandomName("issued"), blank=True)
    history = HistoricalRecords()
    # Set before save(): simple_history records it as the author of the change (a bare
    # annotation, no class attribute: an instance without it has no author).
    _history_user: User

    objects = IssuedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-issued_on", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "subject_id"],
                                    name="issued_document_once_per_record"),
            models.UniqueConstraint(fields=["year", "symbol", "number"],
                                    name="issued_document_number_unique_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.document_name} {self.number_label}"

    @property
    def number_label(self) -> str:
        return f"{self.number:02d}/{self.symbol}"

    def get_absolute_url(self) -> str:
        return reverse("reports:issued_download", args=[self.pk, "pdf"])
