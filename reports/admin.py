from django.contrib import admin

from core.admin_widgets import FILE_FIELDS_UNLINKED

from .models import AnnualReportJob, ReportDraft, YearSnapshot


@admin.register(ReportDraft)
class ReportDraftAdmin(admin.ModelAdmin):
    list_display = ["year", "updated_by", "updated_at"]


@admin.register(AnnualReportJob)
class AnnualReportJobAdmin(admin.ModelAdmin):
    formfield_overrides = FILE_FIELDS_UNLINKED
    list_display = ["id", "year", "status", "progress", "attempt", "created_by", "created_at"]
    list_filter = ["status", "year"]
    readonly_fields = ["created_at", "started_at", "finished_at", "heartbeat_at"]


@admin.register(YearSnapshot)
class YearSnapshotAdmin(admin.ModelAdmin):
    """Read only: a correction is a new version, made from the frozen-years page."""

    list_display = ["year", "version", "created_by_name", "created_at", "reason"]
    list_filter = ["year"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
