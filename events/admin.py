from django.contrib import admin

from .models import Event, Registration


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["name", "member", "status", "code", "checked_in_at"]
    # Places and the waiting list change through events.services only (the row lock).
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "capacity", "published"]
    list_filter = ["kind", "published"]
    search_fields = ["title", "place"]
    inlines = [RegistrationInline]
