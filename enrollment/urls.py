from django.urls import path

from . import views

urlpatterns = [
    path("intakes/", views.intake_list, name="intake_list"),
    path("intakes/<int:pk>/", views.intake_detail, name="intake_detail"),
    path("applicant/", views.applicant_home, name="applicant_home"),
    path("applicant/my-data/", views.my_data, name="applicant_my_data"),
    path("applicant/apply/<int:intake_pk>/", views.application_start, name="applicant_apply"),
    path(
        "applicant/applications/<int:pk>/",
        views.application_page,
        name="applicant_application",
    ),
    path(
        "applicant/applications/<int:pk>/edit/",
        views.application_edit,
        name="applicant_application_edit",
    ),
    path(
        "applicant/applications/<int:pk>/documents/",
        views.document_upload,
        name="applicant_document_upload",
    ),
    path(
        "applicant/applications/<int:pk>/letter.pdf",
        views.application_letter,
        name="applicant_letter",
    ),
    path("letters/<str:token>/", views.letter_verify, name="letter_verify"),
    path(
        "applicant/applications/<int:pk>/<str:action>/",
        views.application_action,
        name="applicant_application_action",
    ),
    path("documents/<int:pk>/", views.document_file, name="enrollment_document"),
    path("answers/<int:pk>/file/", views.answer_file, name="enrollment_answer_file"),
    path("staff/enrollment/", views.staff_enrollment, name="staff_enrollment"),
    path("staff/enrollment/intakes/new/", views.staff_intake_edit, name="staff_intake_create"),
    path(
        "staff/enrollment/intakes/<int:pk>/edit/",
        views.staff_intake_edit,
        name="staff_intake_edit",
    ),
    path(
        "staff/enrollment/intakes/<int:pk>/delete/",
        views.staff_intake_delete,
        name="staff_intake_delete",
    ),
    path(
        "staff/enrollment/intakes/<int:pk>/roster.xlsx",
        views.staff_roster,
        name="staff_intake_roster",
    ),
    path("staff/enrollment/intakes/<int:pk>/qr.png", views.staff_intake_qr, name="staff_intake_qr"),
    path(
        "staff/enrollment/intakes/<int:pk>/poster.pdf",
        views.staff_intake_poster,
        name="staff_intake_poster",
    ),
    path(
        "staff/enrollment/intakes/<int:pk>/waiting-list/",
        views.staff_waitlist,
        name="staff_waitlist",
    ),
    path(
        "staff/enrollment/intakes/<int:pk>/waiting-list/move/",
        views.staff_waitlist_move,
        name="staff_waitlist_move",
    ),
    path(
        "staff/enrollment/intakes/<int:pk>/letters.pdf",
        views.staff_intake_letters,
        name="staff_intake_letters",
    ),
    path(
        "staff/enrollment/applications/<int:pk>/letter/revoke/",
        views.staff_letter_revoke,
        name="staff_letter_revoke",
    ),
    path(
        "staff/enrollment/intakes/<int:pk>/questions/",
        views.staff_questions,
        name="staff_questions",
    ),
    path(
        "staff/enrollment/intakes/<int:pk>/questions/<int:question_pk>/edit/",
        views.staff_question_edit,
        name="staff_question_edit",
    ),
    path(
        "staff/enrollment/intakes/<int:pk>/questions/<int:question_pk>/delete/",
        views.staff_question_delete,
        name="staff_question_delete",
    ),
    path("staff/enrollment/applications/", views.staff_queue, name="staff_queue"),
    path("staff/enrollment/applications/bulk/", views.staff_bulk, name="staff_bulk"),
    path(
        "staff/enrollment/applications/<int:pk>/",
        views.staff_application,
        name="staff_application",
    ),
    path(
        "staff/enrollment/applications/<int:pk>/<str:action>/",
        views.staff_application_action,
        name="staff_application_action",
    ),
]
