from django.urls import path

from . import views

urlpatterns = [
    path("library/", views.library, name="library"),
    path("library/<int:pk>/", views.document_detail, name="document_detail"),
    path("library/<int:pk>/v<int:number>/file", views.document_file, name="document_file"),
    path("staff/library/", views.staff_library, name="staff_library"),
    path("staff/library/new/", views.staff_document_create, name="staff_document_create"),
    path("staff/library/<int:pk>/edit/", views.staff_document_edit, name="staff_document_edit"),
    path("staff/library/<int:pk>/upload/", views.staff_version_upload, name="staff_version_upload"),
    path("staff/library/folders/new/", views.staff_folder_create, name="staff_folder_create"),
]
