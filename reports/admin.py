from django.contrib import admin

from .models import AnnualReportJob, ReportDraft


@admin.register(ReportDraft)
class ReportDraftAdmin(admin.ModelAdmin):
    list_display = ["year", "updated_by", "updated_at"]


@admin.register(AnnualReportJob)
class AnnualReportJobAdmin(admin.ModelAdmin):
    list_display = ["id", "year", "status", "progress", "attempt", "created_by", "created_at"]
    list_filter = ["status", "year"]
    readonly_fields = ["created_at", "started_at", "finished_at", "heartbeat_at"]
