import secrets
from contextlib import contextmanager

from allauth.account.forms import LoginForm
from allauth.account.models import EmailAddress
from allauth.core import ratelimit
from django.contrib.auth.models import Group
from django.contrib.messages.storage import default_storage
from django.contrib.sessions.backends import signed_cookies
from django.db import transaction
from django.http import HttpRequest
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from audit.models import Act
from audit.services import audit_record
from core.roles import ROLES, SECRETARY_GENERAL, forget_roles, role_label

from .models import User


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
            first_name=_chinese_role_label(roles),
        )
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    user.groups.add(*(role_group(name) for name in roles))
    return user, password


def _chinese_role_label(roles: tuple[str, ...]) -> str:
    """The demo's staff users are named for their first role, as the secretariat calls them."""
    with translation.override("zh-hans"):
        return str(role_label(roles[0])) if roles else ""


class LoginRefused(Exception):
    """A login the web login would refuse too; `errors` maps a field (or "__all__") to messages."""

    def __init__(self, errors: dict[str, list[str]], *, too_many: bool = False) -> None:
        super().__init__(errors)
        self.errors = errors
        self.too_many = too_many


# Where allauth sends a browser that may not sign in yet, and what that means for a script.
UNFINISHED_LOGIN = {
    "account_inactive": _("This account is inactive."),
    "account_email_verification_sent": _(
        "Confirm your e-mail address first: we have sent you a link to do so."
    ),
    "account_verify_phone": _(
        "Confirm your mobile number first: we have sent you a code by SMS. "
        "Sign in on the website to enter it."
    ),
}
UNFINISHED_OTHERWISE = _("Finish signing in on the website first, then ask for a token again.")


def user_password_login(request: HttpRequest, *, login: str, password: str) -> User:
    """Check a login (user name, e-mail or whatever allauth's login field takes) and password
    exactly as the web login does, for a client that signs in without a session (API tokens).

    allauth's LoginForm and login flow apply the rate limits, the failed-login lockout,
    constant-time authentication, the inactive-user rule and every login stage (e-mail or phone
    verification, two-factor authentication): a login that would stop at a stage is refused.
    """
    if not ratelimit.consume(request, action="login"):
        raise LoginRefused({}, too_many=True)
    form = LoginForm(data={"login": login, "password": password}, request=request)
    if not form.is_valid():
        codes = {error.code for error in form.non_field_errors().as_data()}
        raise LoginRefused(form.errors, too_many="too_many_login_attempts" in codes)
    with _throwaway_session(request):
        response = form.login(request)
        user = request.user if request.user.is_authenticated else None
    if user is None:
        raise LoginRefused({"__all__": [str(_unfinished_login_message(response))]})
    return user


def _unfinished_login_message(response) -> str:
    try:
        url_name = resolve(getattr(response, "url", "").split("?")[0]).url_name
    except Resolver404:
        url_name = None
    return UNFINISHED_LOGIN.get(url_name, UNFINISHED_OTHERWISE)


@contextmanager
def _throwaway_session(request: HttpRequest):
    """Let allauth's flow sign in on a session and messages nobody keeps: no cookie, no row."""
    kept = request.session, getattr(request, "_messages", None), request.user
    request.session = signed_cookies.SessionStore()
    request._messages = default_storage(request)
    try:
        yield
    finally:
        request.session, request._messages, request.user = kept


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
