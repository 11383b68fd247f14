"""Rate limits on the portal's own actions, counted by allauth's limiter (ACCOUNT_RATE_LIMITS).

Counted per user, not per address (many applicants may share one office or school network),
under an opaque key: the cache holds neither the user's id nor their IP address.
"""

from allauth.core import ratelimit
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import Throttled


def user_key(user) -> str:
    """A keyed hash of the user's id (allauth hashes it once more before using it)."""
    return salted_hmac("core.ratelimit", str(user.pk)).hexdigest()


def allowed(request: HttpRequest, action: str) -> bool:
    """Count one attempt at `action` by the signed-in user; False once over the limit."""
    return ratelimit.consume(request, action=action, key=user_key(request.user))


def too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "429.html", status=429)


class TooManyAttempts(Throttled):
    default_detail = _("Too many attempts. Please wait a few minutes and try again.")


def check_api(request, action: str) -> None:
    """For the API: raise a 429 with a readable JSON message once over the limit."""
    if not allowed(request, action):
        raise TooManyAttempts
