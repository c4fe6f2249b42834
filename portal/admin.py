from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import Holiday, Unit, User, WorkerHeartbeat

admin.site.site_header = _("Union opinion-work portal: administration")
admin.site.site_title = _("Portal administration")


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "kind", "parent", "member_count", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    list_display = ("username", "full_name", "email", "unit", "role", "is_active")
    list_filter = ("role", "staff_group", "is_active", "is_superuser")
    search_fields = ("username", "full_name", "email")
    ordering = ("username",)
    list_select_related = ("unit",)
    autocomplete_fields = ("unit",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("full_name", "email", "gender", "birth_year")}),
        (_("Union"), {"fields": ("unit", "role", "staff_group")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",),
                "fields": ("username", "full_name", "email", "unit", "role",
                           "password1", "password2")}),
    )


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ("hostname", "seen_at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Holiday)
class HolidayAdmin(SimpleHistoryAdmin):
    """The public holidays working-day deadlines skip: add next year's when the government
    announces them."""

    list_display = ("day", "name")
    date_hierarchy = "day"
    search_fields = ("name",)
