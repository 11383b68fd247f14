from django.utils.functional import SimpleLazyObject

from core.branding import group_name
from core.roles import permissions_of


def portal(request) -> dict:
    user = getattr(request, "user", None)
    return {
        "GROUP_NAME": SimpleLazyObject(group_name),
        # For menus and buttons: {% if "members.change" in staff_perms %}
        "staff_perms": SimpleLazyObject(
            lambda: set(permissions_of(user)) if user is not None else set()
        ),
    }
