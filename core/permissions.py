"""Who may open a staff page or call a staff endpoint: the one check per layer.

Pages declare their permission with `@permission_required("members.change")`; API views with
`permission_classes = [RolePermission]` and the attributes `read_permission` (safe methods),
`write_permission` (the others) and `action_permissions` (a viewset action's own, which wins).
A view that declares nothing for a request is left to its own rules (an applicant's own
application, a representative's own member). The permissions and the roles granting them live in
`accounts.roles`.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from rest_framework import permissions as drf_permissions

from core.roles import has_permission, role_label, roles_granting


def denied_message(permission: str) -> str:
    roles = "、".join(role_label(name) for name in roles_granting(permission))
    return _("This needs one of these roles: %(roles)s. Ask the secretary-general.") % {
        "roles": roles
    }


def check(user, *perms: str) -> None:
    """Raise PermissionDenied, naming the roles needed, unless the user holds every permission."""
    for permission in perms:
        if not has_permission(user, permission):
            raise PermissionDenied(denied_message(permission))


def permission_required(*perms: str):
    """Staff pages: log in first, then hold every permission named (403 naming the role)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            check(request.user, *perms)
            return view(request, *args, **kwargs)

        wrapper.required_permissions = perms
        return wrapper

    return decorator


def dashboard_required(view):
    """The staff dashboard only: any secretariat user, whatever the roles."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


# Kept for views written before roles: it lets in only those who may manage staff (the
# secretary-general). Declare the view's own permission with permission_required instead.
staff_required = permission_required("staff.manage")


class RolePermission(drf_permissions.BasePermission):
    """API views: the permission the view declares for this request, if any."""

    def has_permission(self, request, view) -> bool:
        permission = required_permission(request, view)
        if permission is None:
            return True
        if not (request.user and request.user.is_authenticated):
            return False  # 401 from the authentication classes
        if has_permission(request.user, permission):
            return True
        self.message = denied_message(permission)
        return False


def required_permission(request, view) -> str | None:
    action = getattr(view, "action", None)
    per_action = getattr(view, "action_permissions", {})
    if action in per_action:
        return per_action[action]
    if request.method in drf_permissions.SAFE_METHODS:
        return getattr(view, "read_permission", None)
    return getattr(view, "write_permission", None)
