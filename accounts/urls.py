from django.urls import path

from . import views

urlpatterns = [
    path("password/reset/phone/", views.phone_password_reset, name="phone_password_reset"),
    path(
        "password/reset/phone/new/",
        views.phone_password_reset_finish,
        name="phone_password_reset_finish",
    ),
]
