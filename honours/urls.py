from django.urls import path

from . import views

urlpatterns = [
    path("honours/", views.honours, name="honours"),
    path("member/awards/", views.member_awards, name="member_awards"),
    path("member/awards/new/", views.member_award_create, name="member_award_create"),
    path("staff/awards/", views.staff_award_list, name="staff_award_list"),
    path("staff/awards/new/", views.staff_award_create, name="staff_award_create"),
    path("staff/awards/<int:pk>/confirm/", views.staff_award_confirm, name="staff_award_confirm"),
    path("awards/<int:pk>/evidence.file", views.award_evidence, name="award_evidence"),
    path("chains/", views.chain_map, name="chain_map"),
    path(
        "staff/accreditation/",
        views.accreditation_readiness,
        name="staff_accreditation_readiness",
    ),
]
