from django.urls import path

from . import views

urlpatterns = [
    path("events/", views.event_list, name="event_list"),
    path("events/<int:pk>/", views.event_detail, name="event_detail"),
    path("events/<int:pk>/register/", views.event_register, name="event_register"),
    path("events/<int:pk>/event.ics", views.event_ics, name="event_ics"),
    path("events/<int:pk>/<str:what>.file", views.event_document, name="event_document"),
    path("events/tickets/<str:code>/", views.event_ticket, name="event_ticket"),
    path("events/tickets/<str:code>/cancel/", views.registration_cancel, name="event_cancel"),
    path("staff/events/", views.staff_event_list, name="staff_event_list"),
    path("staff/events/new/", views.staff_event_edit, name="staff_event_create"),
    path("staff/events/<int:pk>/", views.staff_event_detail, name="staff_event_detail"),
    path("staff/events/<int:pk>/edit/", views.staff_event_edit, name="staff_event_edit"),
    path("staff/events/<int:pk>/check-in/", views.staff_check_in, name="staff_event_check_in"),
    path(
        "staff/events/<int:pk>/attendance.xlsx",
        views.staff_attendance_xlsx,
        name="staff_event_attendance",
    ),
    path(
        "staff/events/<int:pk>/documents/",
        views.staff_event_documents,
        name="staff_event_documents",
    ),
    path("staff/events/<int:pk>/invite/", views.staff_event_invite, name="staff_event_invite"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar/renew/", views.calendar_feed_renew, name="calendar_renew"),
    path("calendar/feed/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
