from django.contrib import admin

from .models import Document, Folder, Version


class VersionInline(admin.TabularInline):
    model = Version
    extra = 0
    readonly_fields = ["number", "file", "original_name", "size", "uploaded_by", "uploaded_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # a new version goes through the library's upload check


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "folder", "kind", "access", "updated_at"]
    list_filter = ["kind", "access", "folder"]
    search_fields = ["title"]
    inlines = [VersionInline]


admin.site.register(Folder)
