from django.contrib import admin

from .models import SmsMessage


@admin.register(SmsMessage)
class SmsMessageAdmin(admin.ModelAdmin):
    """The text message log: numbers masked, texts (which may hold codes) not shown."""

    list_display = ["created_at", "purpose", "phone_masked", "status", "attempts", "vendor_id"]
    list_filter = ["status", "purpose"]
    fields = [
        "created_at",
        "purpose",
        "phone_masked",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "vendor_id",
        "error",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
