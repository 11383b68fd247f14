from django.urls import path

from . import views

urlpatterns = [
    path("staff/audit/", views.trail, name="staff_audit"),
    path("staff/audit/export.csv", views.trail_csv, name="staff_audit_csv"),
]
