import time

from django.shortcuts import render

from .exceptions import REFUSED_DELETES, refused_delete_message
from .redirects import is_own_url


class ChineseByDefaultMiddleware:
    """Speak Simplified Chinese unless the visitor chose English with the language switcher.

    The group's audience is Chinese; a browser set to English (common on office PCs) should not
    flip the portal. Django's LocaleMiddleware, which runs next, then sees only the cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


STAFF_IDLE_SECONDS = 30 * 60
REFRESH_EVERY_SECONDS = 60


class StaffIdleTimeoutMiddleware:
    """Staff sessions end after 30 minutes without a request: the back office holds ID numbers.

    The session's expiry is pushed back at most once a minute, so a busy page costs no write.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            now = int(time.time())
            if now - request.session.get("_staff_seen", 0) >= REFRESH_EVERY_SECONDS:
                request.session["_staff_seen"] = now
                request.session.set_expiry(STAFF_IDLE_SECONDS)
        return self.get_response(request)


class RefusedDeleteMiddleware:
    """A page delete that something still refers to answers 409 naming what, never 500.

    (The API answers the same through its exception handler, core.exceptions.)
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, REFUSED_DELETES):
            return None
        back = request.headers.get("referer", "")
        context = {
            "message": refused_delete_message(exception),
            "back": back if is_own_url(request, back) else "",
        }
        return render(request, "409.html", context, status=409)
