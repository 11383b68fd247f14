from django.urls import path

from . import views

urlpatterns = [
    path("staff/people/", views.staff_people, name="staff_people"),
    path("staff/people/<int:pk>/roles/", views.staff_person_roles, name="staff_person_roles"),
    path("staff/tokens/", views.staff_tokens, name="staff_tokens"),
    path("staff/tokens/new/", views.staff_token_issue, name="staff_token_issue"),
    path("staff/tokens/<int:user_pk>/revoke/", views.staff_token_revoke, name="staff_token_revoke"),
]
