from django.contrib import admin

from core.fields import JSON_FORM_FIELDS

from .models import Delivery, Notice, ReminderLog, ReminderSetting, SavedAudience


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    fields = ["name", "email", "status", "sent_at", "read_at", "error"]
    readonly_fields = fields
    can_delete = False


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    formfield_overrides = JSON_FORM_FIELDS
    list_display = ["title", "kind", "status", "send_at", "released_at", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title"]
    inlines = [DeliveryInline]


@admin.register(ReminderSetting)
class ReminderSettingAdmin(admin.ModelAdmin):
    list_display = ["type", "enabled"]


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ["type", "key", "notice", "created_at"]
    list_filter = ["type"]


@admin.register(SavedAudience)
class SavedAudienceAdmin(admin.ModelAdmin):
    formfield_overrides = JSON_FORM_FIELDS
    list_display = ["name", "created_by", "created_at"]
