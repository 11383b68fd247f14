from django.urls import path

from . import views

urlpatterns = [
    path("documents/", views.library, name="library"),
    path("documents/<int:pk>/", views.document_detail, name="document_detail"),
    path("documents/<int:pk>/v<int:number>/file", views.document_file, name="document_file"),
    path("staff/documents/", views.staff_library, name="staff_library"),
    path("staff/documents/new/", views.staff_document_create, name="staff_document_create"),
    path("staff/documents/<int:pk>/edit/", views.staff_document_edit, name="staff_document_edit"),
    path(
        "staff/documents/<int:pk>/upload/", views.staff_version_upload, name="staff_version_upload"
    ),
    path("staff/documents/folders/new/", views.staff_folder_create, name="staff_folder_create"),
]
