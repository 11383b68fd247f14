"""Who sees an event and who may register: its audience is a notice audience
(notices.selectors); an event without one is open to every logged-in user."""

from django.db.models import QuerySet

from core.roles import has_permission
from members.permissions import represented_member_ids
from notices.selectors import SCOPE_INTAKE, SCOPE_USERS, audience_members, audience_recipients

from .models import Event, Registration


def is_events_staff(user) -> bool:
    return has_permission(user, "events.view")


def delegate_member_ids(user, event: Event) -> list[int]:
    """The members whose delegates this user (their representative) may register."""
    own = sorted(represented_member_ids(user))
    if not own or event.audience.get("scope") in (SCOPE_INTAKE, SCOPE_USERS):
        return []
    if not event.audience:
        return own
    reached = set(audience_members(event.audience).filter(pk__in=own).values_list("pk", flat=True))
    return [pk for pk in own if pk in reached]


def can_register_self(user, event: Event) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if not event.audience:
        return True
    return any(r.user_id == user.pk for r in audience_recipients(event.audience))


def can_view_event(user, event: Event) -> bool:
    if not user.is_authenticated:
        return False
    if is_events_staff(user):
        return True
    if not event.published:
        return False
    return (
        can_register_self(user, event)
        or bool(delegate_member_ids(user, event))
        or Registration.objects.filter(event=event).of_user(user).exists()
    )


def visible_events(user) -> QuerySet[Event]:
    if is_events_staff(user):
        return Event.objects.all()
    if not user.is_authenticated:
        return Event.objects.none()
    ids = [e.pk for e in Event.objects.published() if can_view_event(user, e)]
    return Event.objects.filter(pk__in=ids)


def can_see_registration(user, registration: Registration) -> bool:
    if is_events_staff(user):
        return True
    return user.is_authenticated and user.pk in (
        registration.user_id,
        registration.registered_by_id,
    )


def can_cancel_registration(user, registration: Registration) -> bool:
    if has_permission(user, "events.change"):
        return True
    owners = (registration.user_id, registration.registered_by_id)
    return user.is_authenticated and user.pk in owners
