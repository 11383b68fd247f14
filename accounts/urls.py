from django.urls import path

from . import views

urlpatterns = [
    path("accounts/password/reset/phone/", views.phone_password_reset, name="phone_password_reset"),
    path(
        "accounts/password/reset/phone/new/",
        views.phone_password_reset_finish,
        name="phone_password_reset_finish",
    ),
    path("staff/team/", views.staff_team, name="staff_team"),
    path("staff/team/<int:pk>/roles/", views.staff_team_roles, name="staff_team_roles"),
    path("staff/tokens/", views.staff_tokens, name="staff_tokens"),
    path("staff/tokens/new/", views.staff_token_issue, name="staff_token_issue"),
    path("staff/tokens/<int:user_pk>/revoke/", views.staff_token_revoke, name="staff_token_revoke"),
]
