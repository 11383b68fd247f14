"""Following a `next` (or Referer) address only when it stays on this site."""

from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme


def is_own_url(request: HttpRequest, url: str) -> bool:
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def redirect_to_next(request: HttpRequest, default: str, *args, **kwargs) -> HttpResponseRedirect:
    """Back to the form's `next` when it is on this site, else to the URL name `default`."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if is_own_url(request, url):
        return HttpResponseRedirect(url)
    return redirect(default, *args, **kwargs)
