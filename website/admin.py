from django.contrib import admin

from vetgroup.admin_widgets import FILE_FIELDS_UNLINKED

from .models import Article


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    formfield_overrides = FILE_FIELDS_UNLINKED
    list_display = ["title", "category", "status", "published_at", "member"]
    list_filter = ["status", "category"]
    search_fields = ["title"]
