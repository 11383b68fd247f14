from django.contrib import admin

from .models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """The log of every message: mobile numbers masked, texts (which may hold codes) not shown."""

    list_display = ["created_at", "channel", "purpose", "recipient_masked", "status", "attempts"]
    list_filter = ["channel", "status", "purpose"]
    fields = [
        "created_at",
        "channel",
        "purpose",
        "recipient_masked",
        "subject",
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
