import time

from allauth.account.authentication import get_authentication_records
from allauth.account.forms import SetPasswordForm
from allauth.account.internal.flows.password_change import finalize_password_change

# How long after logging in by SMS code the new password may be set without the old one.
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from core.permissions import check, dashboard_required, permission_required
from core.roles import PERMISSIONS, ROLES, has_permission, role_names

from . import services
from . import tokens as tokens_module
from .forms import RolesForm
from .models import User

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


@permission_required("staff.manage")
def staff_team(request):
    people = User.objects.filter(is_staff=True).prefetch_related("groups").order_by("username")
    rows = [
        (person, [ROLES[g.name][0] for g in person.groups.all() if g.name in ROLES])
        for person in people
    ]
    roles = [
        (name, label, [PERMISSIONS[p] for p in sorted(granted)])
        for name, (label, granted) in ROLES.items()
    ]
    return render(request, "accounts/staff_people.html", {"rows": rows, "roles": roles})


@permission_required("staff.manage")
def staff_team_roles(request, pk: int):
    person = get_object_or_404(User, pk=pk, is_staff=True)
    form = RolesForm(request.POST or None, initial={"roles": role_names(person)})
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_roles_set(user=person, roles=form.cleaned_data["roles"], by=request.user)
        except services.RoleError as error:
            form.add_error("roles", str(error))
        else:
            messages.success(request, _("The roles of %(user)s are saved.") % {"user": person})
            return redirect("staff_team")
    return render(
        request,
        "accounts/staff_person_roles.html",
        {"person": person, "form": form},
        status=400 if form.errors else 200,
    )


def _token_rows(tokens):
    return [
        {
            "token": token,
            "expires_at": tokens_module.expires_at(token),
            "expired": tokens_module.is_expired(token),
            "activity": getattr(token, "activity", None),
        }
        for token in tokens
    ]


@dashboard_required
def staff_tokens(request, new_key: str | None = None):
    """The user's own API token and, for those who manage staff, every staff user's."""
    tokens = Token.objects.select_related("user", "activity").order_by("-created")
    own = tokens.filter(user=request.user)
    others = tokens.filter(user__is_staff=True).exclude(user=request.user)
    return render(
        request,
        "accounts/staff_tokens.html",
        {
            "own": _token_rows(own),
            "others": _token_rows(others) if has_permission(request.user, "staff.manage") else None,
            "new_key": new_key,
            "days": settings.STAFF_TOKEN_DAYS,
        },
    )


@dashboard_required
@require_POST
def staff_token_issue(request):
    token = tokens_module.token_issue(user=request.user)
    return staff_tokens(request, new_key=token.key)


@dashboard_required
@require_POST
def staff_token_revoke(request, user_pk: int):
    owner = get_object_or_404(User, pk=user_pk)
    if owner.pk != request.user.pk:
        check(request.user, "staff.manage")
    if tokens_module.token_revoke(owner=owner, by=request.user):
        messages.success(request, _("The API token of %(user)s is revoked.") % {"user": owner})
    return redirect("staff_tokens")
