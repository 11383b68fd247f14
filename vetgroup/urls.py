from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts.api import ObtainTokenView
from reports.api import open_data_urlpatterns

from . import views

# One door for passwords: the admin signs in through allauth's login, with its lockout.
admin.site.login = secure_admin_login(admin.site.login)

api_v1 = [
    path("auth/token/", ObtainTokenView.as_view(), name="api_token"),
    path("", include("members.api")),
    path("", include("partnerships.api")),
    path("enrollment/", include("enrollment.api")),
    path("reports/", include("reports.api")),
    path("open-data/", include(open_data_urlpatterns)),
    path("", include("datacalls.api")),
    path("", include("notices.api")),
    path("", include("website.api")),
    path("", include("people.api")),
    path("", include("honours.api")),
    path("", include("documents.api")),
    path("", include("council.api")),
    path("", include("events.api")),
]

urlpatterns = [
    path("home/", views.after_login, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # Clients that ask /favicon.ico without reading the page's <link rel="icon">.
    path("favicon.ico", views.favicon),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("accounts.urls")),  # its phone reset pages come before allauth's
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    # Public in production too: the schema is the API's documentation for outside programs
    # (see README, "API"); it holds no data. The split view serves its script as a file (CSP).
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api_schema", template_name="api/swagger_ui.html"
        ),
        name="api_docs",
    ),
    path("", include("audit.urls")),
    path("", include("members.urls")),
    path("", include("partnerships.urls")),
    path("", include("enrollment.urls")),
    path("", include("reports.urls")),
    path("", include("datacalls.urls")),
    path("", include("notices.urls")),
    path("", include("website.urls")),
    path("", include("people.urls")),
    path("", include("honours.urls")),
    path("", include("documents.urls")),
    path("", include("council.urls")),
    path("", include("events.urls")),
]

handler404 = views.page_not_found
# No URL serves MEDIA_ROOT, in debug as in production: every uploaded or generated file goes out
# through its own view, after that view's access check (core.uploads.download_response).
