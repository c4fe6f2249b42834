from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import DocumentSettings, Report


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "number", "status", "generated_at", "page_count")
    list_filter = ("kind", "status", "year")
    search_fields = ("scope__name", "scope__code")
    list_select_related = ("scope",)
    readonly_fields = ("pdf", "docx", "generation", "rendered_generation", "attempts",
                       "claimed_at", "generated_at", "page_count", "error")


@admin.register(DocumentSettings)
class DocumentSettingsAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "issuer", "symbol", "signer_name")

    def has_add_permission(self, request) -> bool:
        return not DocumentSettings.objects.exists()
