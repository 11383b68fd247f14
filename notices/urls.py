from django.urls import path

from . import views

urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/unread.json", views.inbox_unread, name="inbox_unread"),
    path("inbox/read-all/", views.inbox_mark_all_read, name="inbox_mark_all_read"),
    path("inbox/preferences/", views.preferences, name="notice_preferences"),
    path("inbox/<int:pk>/", views.inbox_detail, name="inbox_detail"),
    path("inbox/<int:pk>/receipt/", views.inbox_acknowledge, name="inbox_acknowledge"),
    path("inbox/<int:pk>/reply/", views.inbox_reply, name="inbox_reply"),
    path(
        "inbox/<int:pk>/attachments/<int:attachment_pk>/",
        views.inbox_attachment,
        name="inbox_attachment",
    ),
    path("staff/notices/", views.staff_notice_list, name="staff_notice_list"),
    path("staff/notices/new/", views.staff_notice_create, name="staff_notice_create"),
    path("staff/notices/reminders/", views.staff_reminders, name="staff_reminders"),
    path("staff/notices/<int:pk>/", views.staff_notice_detail, name="staff_notice_detail"),
    path("staff/notices/<int:pk>/edit/", views.staff_notice_edit, name="staff_notice_edit"),
    path("staff/notices/<int:pk>/send/", views.staff_notice_send, name="staff_notice_send"),
    path(
        "staff/notices/<int:pk>/schedule/",
        views.staff_notice_schedule,
        name="staff_notice_schedule",
    ),
    path(
        "staff/notices/<int:pk>/unschedule/",
        views.staff_notice_unschedule,
        name="staff_notice_unschedule",
    ),
    path(
        "staff/notices/<int:pk>/deliveries.csv",
        views.staff_notice_export,
        name="staff_notice_export",
    ),
    path("staff/notices/<int:pk>/retry/", views.staff_notice_retry, name="staff_notice_retry"),
    path(
        "staff/notices/<int:pk>/attachments/<int:attachment_pk>/",
        views.staff_notice_attachment,
        name="staff_notice_attachment",
    ),
]
