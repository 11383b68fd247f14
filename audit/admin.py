from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read only: entries are never added, changed or deleted by hand."""

    list_display = ["at", "user_name", "act", "object_repr", "ip"]
    list_filter = ["act"]
    search_fields = ["user_name", "object_repr", "detail"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
