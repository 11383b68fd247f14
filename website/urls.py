from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import views
from .sitemaps import SITEMAPS

urlpatterns = [
    path("", views.home, name="public_home"),
    path("news/", views.news_list, name="news_list"),
    path("news/<int:pk>/", views.news_detail, name="news_detail"),
    path("news/<int:pk>/cover/", views.news_cover, name="news_cover"),
    path("about/", views.about, name="about"),
    path("contact/", views.contact, name="contact"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("member/news/", views.member_news_list, name="member_news_list"),
    path("member/news/new/", views.member_news_create, name="member_news_create"),
    path("staff/news/", views.staff_news_list, name="staff_news_list"),
    path("staff/news/new/", views.staff_news_create, name="staff_news_create"),
    path("staff/news/<int:pk>/edit/", views.staff_news_edit, name="staff_news_edit"),
    path("staff/news/<int:pk>/approve/", views.staff_news_approve, name="staff_news_approve"),
    path("staff/news/<int:pk>/reject/", views.staff_news_reject, name="staff_news_reject"),
    path("staff/site/", views.staff_site, name="staff_site"),
    path("staff/site/profile/", views.staff_site_profile, name="staff_site_profile"),
    path("staff/site/texts/<slug:key>/", views.staff_site_text, name="staff_site_text"),
]
