from django.contrib import admin

from .models import Article


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "status", "published_at", "member"]
    list_filter = ["status", "category"]
    search_fields = ["title"]
