from django.urls import path

from . import views

urlpatterns = [
    path("staff/people/", views.staff_people, name="staff_people"),
    path("staff/people/<int:pk>/confirm/", views.staff_person_confirm, name="staff_person_confirm"),
    path("member/people/", views.member_people, name="member_people"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/import/", views.people_import, name="people_import"),
    path("people/import/confirm/", views.people_import_confirm, name="people_import_confirm"),
    path(
        "people/import/template.xlsx", views.people_import_template, name="people_import_template"
    ),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/roles/new/<str:kind>/", views.role_create, name="role_create"),
    path("people/roles/<int:pk>/edit/", views.role_edit, name="role_edit"),
    path("people/roles/<int:pk>/delete/", views.role_delete, name="role_delete"),
]
