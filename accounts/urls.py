from django.urls import path

from . import views

urlpatterns = [
    path("staff/people/", views.staff_people, name="staff_people"),
    path("staff/people/<int:pk>/roles/", views.staff_person_roles, name="staff_person_roles"),
]
