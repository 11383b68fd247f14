from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from vetgroup.permissions import check, dashboard_required, permission_required

from . import services
from . import tokens as tokens_module
from .forms import RolesForm
from .models import User
from .roles import PERMISSIONS, ROLES, has_permission, role_names


@permission_required("staff.manage")
def staff_people(request):
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
def staff_person_roles(request, pk: int):
    person = get_object_or_404(User, pk=pk, is_staff=True)
    form = RolesForm(request.POST or None, initial={"roles": role_names(person)})
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_roles_set(user=person, roles=form.cleaned_data["roles"], by=request.user)
        except services.RoleError as error:
            form.add_error("roles", str(error))
        else:
            messages.success(request, _("The roles of %(user)s are saved.") % {"user": person})
            return redirect("staff_people")
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
