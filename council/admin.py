from django.contrib import admin

from . import services
from .models import Term


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["position", "member", "delegate", "starts_on", "ends_on"]
    list_filter = ["position"]
    search_fields = ["member__name", "delegate"]
    raw_id_fields = ["member"]

    def save_model(self, request, obj, form, change):
        services.term_save(term=obj)  # the same lock, check and group-role sync as the portal
