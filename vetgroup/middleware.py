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


class StaffIdleTimeoutMiddleware:
    """Staff sessions end after 30 minutes without a request: the back office holds ID numbers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            request.session.set_expiry(STAFF_IDLE_SECONDS)
        return self.get_response(request)
