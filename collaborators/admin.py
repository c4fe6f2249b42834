from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Attendance,
    Collaborator,
    ImportBatch,
    OpinionReport,
    OpinionReportComment,
    Training,
)


@admin.register(Collaborator)
class CollaboratorAdmin(SimpleHistoryAdmin):
    list_display = ("full_name", "unit", "network_role", "group", "status", "phone", "email")
    list_filter = ("status", "network_role", "group", "gender")
    search_fields = ("search_text", "full_name", "email", "phone")
    list_select_related = ("unit",)
    autocomplete_fields = ("unit", "account")


class AttendanceInline(admin.TabularInline):
    model = Attendance
    autocomplete_fields = ("collaborator",)
    extra = 0


@admin.register(Training)
class TrainingAdmin(SimpleHistoryAdmin):
    list_display = ("title", "held_on", "organiser", "hours")
    list_filter = ("held_on",)
    search_fields = ("title", "place")
    autocomplete_fields = ("organiser",)
    inlines = [AttendanceInline]


class CommentInline(admin.TabularInline):
    model = OpinionReportComment
    extra = 0
    readonly_fields = ("author", "created_at")


@admin.register(OpinionReport)
class OpinionReportAdmin(SimpleHistoryAdmin):
    list_display = ("created_at", "unit", "topic", "sentiment", "urgency", "status")
    list_filter = ("status", "topic", "sentiment", "urgency", "spread")
    search_fields = ("summary", "proposal")
    list_select_related = ("unit",)
    raw_id_fields = ("author", "collaborator", "reviewed_by", "escalated_by")
    inlines = [CommentInline]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ("file_name", "created_by", "status", "created_at", "created_count",
                    "updated_count")
    list_filter = ("status",)
    readonly_fields = ("file",)
