from django.contrib import admin

from core.admin_widgets import FILE_FIELDS_UNLINKED

from . import sitetexts
from .models import Article, SiteProfile, SiteText


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    formfield_overrides = FILE_FIELDS_UNLINKED
    list_display = ["title", "category", "status", "published_at", "member"]
    list_filter = ["status", "category"]
    search_fields = ["title"]


class SiteTextsAdmin(admin.ModelAdmin):
    """The portal's own page (/staff/site/) is where staff edit these; here too, the cached
    copy is dropped after a save."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        sitetexts.forget()


admin.site.register(SiteProfile, SiteTextsAdmin)
admin.site.register(SiteText, SiteTextsAdmin)
