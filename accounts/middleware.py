from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

# Where a staff user without a second factor may still go: the login pages (with the two-factor
# enrolment under /accounts/2fa/), the language switch and the health check.
OPEN_PREFIXES = ("/accounts/", "/i18n/", "/healthz", "/static/", "/media/")


class StaffMFARequiredMiddleware:
    """With STAFF_MFA_REQUIRED, a staff user enrols a second factor before anything else.

    Only a page the user navigates to is redirected to the enrolment; a script's fetch (the
    inbox counter) or an API call gets 403, since a fetch that followed the redirect would load
    the enrolment page again, and allauth would replace the secret the user is scanning."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not self._must_enrol(request):
            return None
        message = _("Set up two-factor login first: staff accounts need it.")
        navigation = request.headers.get("Sec-Fetch-Mode", "navigate") == "navigate"
        if request.path.startswith("/api/") or not navigation:
            return JsonResponse({"detail": message}, status=403)
        messages.warning(request, message)
        return redirect("mfa_activate_totp")

    def _must_enrol(self, request) -> bool:
        user = getattr(request, "user", None)
        return (
            settings.STAFF_MFA_REQUIRED
            and user is not None
            and user.is_authenticated
            and user.is_staff
            and not request.path.startswith(OPEN_PREFIXES)
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        )
