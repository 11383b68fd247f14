from django.urls import path

from . import review_views, views

urlpatterns = [
    path("member/", views.member_home, name="member_home"),
    path("member/<int:pk>/", views.member_detail, name="member_detail"),
    path("member/<int:pk>/edit/", views.member_profile_edit, name="member_profile_edit"),
    path("member/<int:pk>/contacts/", views.member_contacts_edit, name="member_contacts_edit"),
    path(
        "member/invitation/<str:uidb64>/<str:token>/",
        views.member_invitation_accept,
        name="member_invitation_accept",
    ),
    path("member/<int:pk>/review/", review_views.member_review, name="member_review"),
    path(
        "member/<int:pk>/certificate.pdf",
        review_views.member_certificate,
        name="member_certificate",
    ),
    path("certificates/<str:token>/", review_views.certificate_verify, name="certificate_verify"),
    path("staff/reviews/", review_views.staff_review_list, name="staff_review_list"),
    path("staff/reviews/open/", review_views.staff_review_open, name="staff_review_open"),
    path(
        "staff/reviews/<int:pk>/",
        review_views.staff_review_detail,
        name="staff_review_detail",
    ),
    path(
        "staff/reviews/<int:pk>/remind/",
        review_views.staff_review_remind,
        name="staff_review_remind",
    ),
    path(
        "staff/reviews/entries/<int:pk>/decide/",
        review_views.staff_review_decide,
        name="staff_review_decide",
    ),
    path(
        "staff/certificates/<int:pk>/revoke/",
        review_views.staff_certificate_revoke,
        name="staff_certificate_revoke",
    ),
    path("join/", views.member_join, name="member_join"),
    path("join/individual/", views.member_join_individual, name="member_join_individual"),
    path("staff/members/individuals/", views.staff_individual_list, name="staff_individual_list"),
    path(
        "staff/members/individuals/<int:pk>/<str:decision>/",
        views.staff_individual_decide,
        name="staff_individual_decide",
    ),
    path("members/<int:pk>/logo/", views.member_logo, name="member_logo"),
    path("members/", views.member_showcase, name="member_showcase"),
    path("staff/members/", views.staff_member_list, name="staff_member_list"),
    path("staff/members/new/", views.staff_member_create, name="staff_member_create"),
    path("staff/members/import/", views.staff_member_import, name="staff_member_import"),
    path(
        "staff/members/import/confirm/",
        views.staff_member_import_confirm,
        name="staff_member_import_confirm",
    ),
    path(
        "staff/members/import/template.xlsx",
        views.staff_member_import_template,
        name="staff_member_import_template",
    ),
    path("staff/members/export.xlsx", views.staff_member_export, name="staff_member_export"),
    path("staff/members/<int:pk>/", views.staff_member_detail, name="staff_member_detail"),
    path("staff/members/<int:pk>/edit/", views.staff_member_edit, name="staff_member_edit"),
    path(
        "staff/members/<int:pk>/suspend/", views.staff_member_suspend, name="staff_member_suspend"
    ),
    path(
        "staff/members/<int:pk>/reinstate/",
        views.staff_member_reinstate,
        name="staff_member_reinstate",
    ),
    path("staff/members/<int:pk>/leave/", views.staff_member_leave, name="staff_member_leave"),
    path("staff/members/<int:pk>/delete/", views.staff_member_delete, name="staff_member_delete"),
    path(
        "staff/members/<int:pk>/pending/approve/",
        views.staff_pending_change_approve,
        name="staff_pending_change_approve",
    ),
    path(
        "staff/members/<int:pk>/pending/reject/",
        views.staff_pending_change_reject,
        name="staff_pending_change_reject",
    ),
    path(
        "staff/members/<int:pk>/representatives/<int:representative_pk>/remove/",
        views.staff_representative_remove,
        name="staff_representative_remove",
    ),
    path("staff/members/<int:pk>/invite/", views.staff_member_invite, name="staff_member_invite"),
    path(
        "staff/members/<int:pk>/approve/",
        views.staff_application_approve,
        name="staff_application_approve",
    ),
    path(
        "staff/members/<int:pk>/reject/",
        views.staff_application_reject,
        name="staff_application_reject",
    ),
]
