from django.contrib import admin

from .models import Accreditation, Award, Chain, ChainLeader, ChainLink, ChainPlacement


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ["competition", "event", "rank", "level", "awarded_on", "status"]
    list_filter = ["level", "status"]
    search_fields = ["competition", "event", "rank", "winners"]
    filter_horizontal = ["members"]
    raw_id_fields = ["trained_by"]
    # Confirmation goes through the staff page or the API (award_confirm), never a checkbox.
    readonly_fields = ["status", "recorded_by", "confirmed_by", "confirmed_at", "created_at"]
    date_hierarchy = "awarded_on"


class ChainLinkInline(admin.StackedInline):
    model = ChainLink
    extra = 1
    filter_horizontal = ["projects"]


@admin.register(Chain)
class ChainAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    inlines = [ChainLinkInline]


@admin.register(ChainPlacement)
class ChainPlacementAdmin(admin.ModelAdmin):
    list_display = ["member", "chain", "link"]
    list_filter = ["chain"]
    raw_id_fields = ["member"]
    search_fields = ["member__name"]


@admin.register(ChainLeader)
class ChainLeaderAdmin(admin.ModelAdmin):
    list_display = ["member", "tier", "chain", "link", "starts_on", "ends_on"]
    list_filter = ["tier", "chain"]
    raw_id_fields = ["member"]
    search_fields = ["member__name"]


@admin.register(Accreditation)
class AccreditationAdmin(admin.ModelAdmin):
    list_display = ["title", "level", "standing", "awarded_by", "awarded_on"]
