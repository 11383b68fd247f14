from django.contrib import admin

from .models import Term


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["position", "member", "delegate", "starts_on", "ends_on"]
    list_filter = ["position"]
    search_fields = ["member__name", "delegate"]
    raw_id_fields = ["member"]
