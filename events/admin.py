from django.contrib import admin

from .models import Event, Registration


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["name", "member", "status", "code", "checked_in_at"]
    readonly_fields = ["code", "checked_in_at"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "starts_at", "capacity", "published"]
    list_filter = ["kind", "published"]
    search_fields = ["title", "place"]
    inlines = [RegistrationInline]
