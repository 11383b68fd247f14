from django.urls import path

from . import views

urlpatterns = [
    path("council/", views.council, name="council"),
    path("staff/council/", views.staff_council, name="staff_council"),
    path("staff/council/terms/new/", views.staff_term_create, name="staff_term_create"),
    path("staff/council/terms/<int:pk>/edit/", views.staff_term_edit, name="staff_term_edit"),
]
