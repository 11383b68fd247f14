from django.contrib import admin

from core.fields import JSON_FORM_FIELDS

from .models import DataCall, MemberReturn, ProjectFigure


@admin.register(DataCall)
class DataCallAdmin(admin.ModelAdmin):
    formfield_overrides = JSON_FORM_FIELDS
    list_display = ["year", "status", "deadline", "opened_at", "closed_at", "snapshot_version"]
    list_filter = ["status"]
    readonly_fields = ["status", "closed_by", "closed_at", "snapshot_version"]


@admin.register(MemberReturn)
class MemberReturnAdmin(admin.ModelAdmin):
    list_display = ["member", "call", "form", "status", "submitted_at", "reviewed_at"]
    list_filter = ["call", "status", "form"]
    search_fields = ["member__name"]
    list_select_related = ["member", "call"]
    raw_id_fields = ["member"]


@admin.register(ProjectFigure)
class ProjectFigureAdmin(admin.ModelAdmin):
    list_display = ["project", "call", "what", "school_value", "enterprise_value", "settled_value"]
    list_filter = ["call", "what"]
    list_select_related = ["project", "call"]
    raw_id_fields = ["project", "school", "enterprise"]
