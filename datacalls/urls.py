from django.urls import path

from . import views

urlpatterns = [
    path("staff/data-calls/", views.call_list, name="staff_datacall_list"),
    path("staff/data-calls/new/", views.call_create, name="staff_datacall_create"),
    path("staff/data-calls/<int:pk>/", views.call_detail, name="staff_datacall_detail"),
    path("staff/data-calls/<int:pk>/close/", views.call_close, name="staff_datacall_close"),
    path("staff/data-calls/returns/<int:pk>/", views.return_detail, name="staff_return_detail"),
    path(
        "staff/data-calls/returns/<int:pk>/accept/",
        views.return_accept,
        name="staff_return_accept",
    ),
    path(
        "staff/data-calls/returns/<int:pk>/send-back/",
        views.return_send_back,
        name="staff_return_send_back",
    ),
    path(
        "staff/data-calls/figures/<int:pk>/settle/",
        views.figure_settle,
        name="staff_figure_settle",
    ),
    path("staff/data-calls/quality/<int:year>/", views.data_quality, name="staff_data_quality"),
    path("member/returns/", views.member_returns, name="member_returns"),
    path("member/returns/<int:pk>/", views.member_return_edit, name="member_return_edit"),
]
