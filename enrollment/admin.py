from django.contrib import admin

from core.fields import JSON_FORM_FIELDS

from .models import AdmissionLetter, Application, ApplicationEvent, Intake, Notification


@admin.register(Intake)
class IntakeAdmin(admin.ModelAdmin):
    formfield_overrides = JSON_FORM_FIELDS
    list_display = ["programme", "year", "quota", "opens_at", "closes_at"]
    list_filter = ["year"]
    search_fields = ["programme"]


class EventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    can_delete = False
    readonly_fields = ["action", "from_status", "to_status", "actor", "reason", "created_at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Read-only and masked: decisions go through the review pages (services, audit trail)."""

    list_display = ["full_name", "intake", "id_number_masked", "phone_masked", "status"]
    list_filter = ["status", "intake"]
    search_fields = ["full_name", "id_tail", "phone_tail"]
    fields = ["intake", "full_name", "id_number_masked", "phone_masked", "status", "status_reason"]
    readonly_fields = fields
    inlines = [EventInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipient", "message", "created_at"]
    readonly_fields = ["event", "recipient", "subject", "body", "message", "text", "read_at"]


@admin.register(AdmissionLetter)
class AdmissionLetterAdmin(admin.ModelAdmin):
    """Read-only: letters are issued on enrolment and revoked from the review page (a reason)."""

    list_display = ["number", "issued_at", "revoked_at"]
    search_fields = ["number"]
    readonly_fields = ["application", "number", "issued_at", "revoked_at", "revoked_reason"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
