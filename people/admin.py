from django.contrib import admin

from .models import Person, PersonalDataAccess, Role


class RoleInline(admin.StackedInline):
    model = Role
    fk_name = "person"
    extra = 0
    autocomplete_fields = ["school_mentor", "enterprise_mentor"]
    raw_id_fields = ["partner", "project", "project_class", "placement"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "member", "origin_region", "phone_masked", "confirmed_at"]
    list_filter = ["roles__kind", "from_pairing_area"]
    search_fields = ["full_name", "origin_region"]
    raw_id_fields = ["member"]
    readonly_fields = ["confirmed_at", "confirmed_by", "created_by"]
    inlines = [RoleInline]


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "person", "what"]
    list_select_related = ["user", "person"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
