from django.urls import path

from . import views

urlpatterns = [
    path("staff/", views.dashboard, name="staff_dashboard"),
    path("staff/reports/", views.report_page, name="staff_reports"),
    path("staff/reports/network/", views.network, name="staff_network"),
    path("staff/reports/<int:year>/draft/", views.report_draft, name="staff_report_draft"),
    path("staff/reports/<int:year>/generate/", views.report_generate, name="staff_report_generate"),
    path("staff/reports/jobs/<int:pk>/retry/", views.report_retry, name="staff_report_retry"),
    path(
        "staff/reports/jobs/<int:pk>/<str:fmt>/",
        views.report_file,
        name="staff_report_file",
    ),
    path("staff/years/", views.frozen_years, name="staff_frozen_years"),
    path("staff/years/freeze/", views.year_freeze_view, name="staff_year_freeze"),
    path("staff/trends/", views.trends, name="staff_trends"),
    path(
        "staff/years/<int:year>/v<int:version>/",
        views.year_snapshot,
        name="staff_year_snapshot",
    ),
    path("open-data/", views.open_data, name="open_data"),
]
