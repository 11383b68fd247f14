from django.urls import path

from . import views

urlpatterns = [
    path("applicant/", views.applicant_home, name="applicant_home"),
]
