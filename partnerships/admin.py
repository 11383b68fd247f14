from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin_widgets import FILE_FIELDS_UNLINKED

from .models import (
    InternshipOffer,
    Participant,
    Placement,
    PlanTask,
    Project,
    ProjectClass,
    ProjectEvent,
    SharedResource,
    WorkPlan,
)


class ParticipantInline(admin.TabularInline):
    model = Participant
    raw_id_fields = ["member"]
    extra = 0


class ProjectClassInline(admin.StackedInline):
    model = ProjectClass
    extra = 0


class ProjectEventInline(admin.TabularInline):
    model = ProjectEvent
    extra = 0
    exclude = ["created_by"]


@admin.register(Project)
class ProjectAdmin(SimpleHistoryAdmin):
    formfield_overrides = FILE_FIELDS_UNLINKED
    list_display = ["title", "kind", "status", "signed_on", "expires_on", "students"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "members__name"]
    date_hierarchy = "signed_on"
    inlines = [ParticipantInline, ProjectClassInline, ProjectEventInline]


@admin.register(InternshipOffer)
class InternshipOfferAdmin(admin.ModelAdmin):
    list_display = ["position", "member", "places", "starts_on", "ends_on", "is_open"]
    list_filter = ["is_open"]
    search_fields = ["position", "programmes", "member__name"]
    raw_id_fields = ["member"]


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = ["offer", "school", "students", "placed_on"]
    raw_id_fields = ["school", "offer", "project"]


class PlanTaskInline(admin.StackedInline):
    model = PlanTask
    extra = 0
    raw_id_fields = ["lead", "partners", "projects"]


@admin.register(WorkPlan)
class WorkPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "year"]
    inlines = [PlanTaskInline]


@admin.register(SharedResource)
class SharedResourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "member", "is_available"]
    list_filter = ["kind", "is_available"]
    search_fields = ["name", "member__name"]
    raw_id_fields = ["member"]
