import time

from allauth.account.authentication import get_authentication_records
from allauth.account.forms import SetPasswordForm
from allauth.account.internal.flows.password_change import finalize_password_change
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

# How long after logging in by SMS code the new password may be set without the old one.
RESET_WINDOW_SECONDS = 10 * 60


def _logged_in_by_code_recently(request) -> bool:
    records = get_authentication_records(request, request.user)
    return bool(
        records
        and records[-1].get("method") == "code"
        and time.time() - records[-1].get("at", 0) < RESET_WINDOW_SECONDS
    )


@login_required
@sensitive_post_parameters("password1", "password2")
def phone_password_reset_finish(request):
    """Password reset by SMS code, last step: the user just logged in with a code from their
    phone (allauth's login by code), and now chooses a new password."""
    if not _logged_in_by_code_recently(request):
        messages.error(
            request, _("Request an SMS code first: the new password is set right after it.")
        )
        return redirect("phone_password_reset")
    form = SetPasswordForm(data=request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        finalize_password_change(request, request.user)
        return redirect("home")
    return render(request, "accounts/phone_password_reset_finish.html", {"form": form})


def phone_password_reset(request):
    """Password reset by SMS code, first step: allauth's login by code, then the page above."""
    query = urlencode({"next": reverse("phone_password_reset_finish")})
    return redirect(f"{reverse('account_request_login_code')}?{query}")
