import secrets

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext as _

from audit.models import Act
from audit.services import audit_record

from .models import User
from .roles import ROLES, SECRETARY_GENERAL, forget_roles


class RoleError(Exception):
    """A refused role change; the message is for the user (already translated)."""


@transaction.atomic
def staff_user_ensure(
    *, username: str, email: str, roles: tuple[str, ...] = (SECRETARY_GENERAL,)
) -> tuple[User, str | None]:
    """Create a verified secretariat user if missing; return it and its new password, if made.

    The user holds at least the roles given (an existing user keeps its others)."""
    user = User.objects.filter(username=username).first()
    password = None
    if user is None:
        password = secrets.token_urlsafe(9)
        user = User.objects.create_user(
            username=username,
            email=email,
            password=password,
            is_staff=True,
            first_name="秘书处",
        )
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    user.groups.add(*(role_group(name) for name in roles))
    return user, password


def role_group(name: str) -> Group:
    if name not in ROLES:
        raise ValueError(f"Unknown role {name!r}")
    return Group.objects.get_or_create(name=name)[0]


@transaction.atomic
def staff_roles_set(*, user: User, roles: list[str], by: User | None) -> tuple[set, set]:
    """Give the staff user exactly these roles; return the roles added and removed.

    Refused whole when it would leave no active secretary-general."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise RoleError(_("Unknown roles: %(roles)s") % {"roles": ", ".join(sorted(unknown))})
    if roles and not user.is_staff:
        raise RoleError(_("Only a staff user may hold a role."))
    # Lock the secretary-general memberships, so that two concurrent changes cannot both
    # remove "the other" secretary-general.
    holders = set(
        User.objects.select_for_update()
        .filter(groups__name=SECRETARY_GENERAL, is_active=True, is_staff=True)
        .values_list("pk", flat=True)
    )
    if SECRETARY_GENERAL not in roles and holders == {user.pk}:
        raise RoleError(
            _(
                "The portal needs at least one secretary-general: give the role to someone else "
                "first."
            )
        )
    before = set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
    added, removed = set(roles) - before, before - set(roles)
    user.groups.remove(*Group.objects.filter(name__in=removed))
    user.groups.add(*(role_group(name) for name in added))
    forget_roles(user)
    if added or removed:
        audit_record(
            act=Act.ROLE_CHANGE,
            user=by,
            obj=user,
            detail=f"added {sorted(added)}, removed {sorted(removed)}",
        )
    return added, removed
