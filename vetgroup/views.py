from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from members.selectors import headline_figures

from . import health


def home(request):
    return render(request, "home.html", {"figures": headline_figures()})


@login_required
def after_login(request):
    return redirect(request.user.home_url_name())


@never_cache
def healthz(request):
    checks = {"database": health.database_ok(), "broker": health.broker_ok()}
    status = 200 if all(checks.values()) else 503
    return JsonResponse(
        {"status": "ok" if status == 200 else "unavailable", **checks}, status=status
    )
