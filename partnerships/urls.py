from django.urls import path

from . import views

urlpatterns = [
    # Members gone quiet: the signal is mostly the projects' (members/ lists the members).
    path("staff/members/quiet/", views.staff_member_quiet, name="staff_member_quiet"),
    path("staff/projects/", views.project_list, name="staff_project_list"),
    path("staff/projects/board/", views.project_board, name="staff_project_board"),
    path("staff/projects/new/", views.project_create, name="staff_project_create"),
    path("staff/projects/<int:pk>/", views.project_detail, name="staff_project_detail"),
    path("staff/projects/<int:pk>/edit/", views.project_edit, name="staff_project_edit"),
    path("staff/projects/<int:pk>/move/", views.project_move, name="staff_project_move"),
    path(
        "staff/projects/<int:pk>/agreement/",
        views.project_agreement,
        name="staff_project_agreement",
    ),
    path("staff/projects/<int:pk>/events/", views.project_event_add, name="staff_project_event"),
    path(
        "staff/projects/<int:pk>/classes/new/",
        views.project_class_edit,
        name="staff_project_class_create",
    ),
    path(
        "staff/projects/<int:pk>/classes/<int:class_pk>/",
        views.project_class_edit,
        name="staff_project_class_edit",
    ),
    path("projects/<int:pk>/agreement.file", views.project_document, name="project_document"),
    path("staff/plans/", views.plan_list, name="staff_plan_list"),
    path("staff/plans/new/", views.plan_edit, name="staff_plan_create"),
    path("staff/plans/<int:pk>/", views.plan_detail, name="staff_plan_detail"),
    path("staff/plans/<int:pk>/edit/", views.plan_edit, name="staff_plan_edit"),
    path("staff/plans/<int:pk>/tasks/new/", views.plan_task_create, name="staff_plan_task_create"),
    path("staff/plans/tasks/<int:pk>/", views.plan_task_edit, name="staff_plan_task_edit"),
    path("member/projects/", views.member_projects, name="member_projects"),
    path("member/projects/<int:pk>/", views.member_project_detail, name="member_project_detail"),
    path("member/internships/", views.my_offers, name="member_offers"),
    path("member/internships/new/", views.offer_edit, name="member_offer_create"),
    path("member/internships/<int:pk>/edit/", views.offer_edit, name="member_offer_edit"),
    path("internships/", views.pool, name="internship_pool"),
    path("internships/<int:pk>/", views.offer_detail, name="internship_offer"),
    path("internships/<int:pk>/place/", views.placement_create, name="internship_place"),
    path("internships/placements/<int:pk>/rate/", views.placement_rate, name="placement_rate"),
    path("resources/", views.resource_list, name="shared_resources"),
    path("member/resources/new/", views.resource_edit, name="resource_create"),
    path("member/resources/<int:pk>/edit/", views.resource_edit, name="resource_edit"),
]
