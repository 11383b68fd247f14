from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from reports.api import open_data_urlpatterns

from . import api, views

api_v1 = [
    path("auth/token/", api.ObtainTokenView.as_view(), name="api_token"),
    path("", include("members.api")),
    path("", include("partnerships.api")),
    path("enrollment/", include("enrollment.api")),
    path("reports/", include("reports.api")),
    path("open-data/", include(open_data_urlpatterns)),
    path("", include("datacalls.api")),
    path("", include("notices.api")),
    path("", include("website.api")),
    path("", include("honours.api")),
]

urlpatterns = [
    path("", views.home, name="public_home"),
    path("home/", views.after_login, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api_schema"), name="api_docs"),
    path("", include("members.urls")),
    path("", include("partnerships.urls")),
    path("", include("enrollment.urls")),
    path("", include("reports.urls")),
    path("", include("datacalls.urls")),
    path("", include("notices.urls")),
    path("", include("website.urls")),
    path("", include("honours.urls")),
]

handler404 = views.page_not_found

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
