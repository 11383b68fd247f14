"""Who may see and change which people: staff all; a representative the people of the
organisations it represents, and the people who hold a role with them (its interns, its
part-time engineers' school sees them too). Used by views, the API and selectors."""

from django.db.models import Q, QuerySet
from django.http import Http404

from core.roles import has_permission
from members.permissions import represented_member_ids

from .models import Person, Role


def _staff_sees(user) -> bool:
    return has_permission(user, "members.view")


def _staff_changes(user) -> bool:
    return has_permission(user, "members.change")


def _member_ids(user) -> set[int]:
    if not hasattr(user, "_people_member_ids"):
        user._people_member_ids = represented_member_ids(user)
    return user._people_member_ids


def can_use_registry(user) -> bool:
    return user.is_authenticated and (_staff_sees(user) or bool(_member_ids(user)))


def can_record(user) -> bool:
    """Record people: staff who change member records, and representatives."""
    return user.is_authenticated and (_staff_changes(user) or bool(_member_ids(user)))


def visible_people(user) -> QuerySet[Person]:
    if not user.is_authenticated:
        return Person.objects.none()
    if _staff_sees(user):
        return Person.objects.all()
    ids = _member_ids(user)
    if not ids:
        return Person.objects.none()
    with_role = Role.objects.filter(partner_id__in=ids).values("person_id")
    return Person.objects.filter(Q(member_id__in=ids) | Q(pk__in=with_role))


def visible_roles(user) -> QuerySet[Role]:
    if not user.is_authenticated:
        return Role.objects.none()
    if _staff_sees(user):
        return Role.objects.all()
    ids = _member_ids(user)
    return Role.objects.filter(Q(person__member_id__in=ids) | Q(partner_id__in=ids))


def can_edit_person(user, person: Person) -> bool:
    return user.is_authenticated and (_staff_changes(user) or person.member_id in _member_ids(user))


def can_edit_role(user, role: Role) -> bool:
    """Both sides keep a role: the person's organisation and the partner."""
    if not user.is_authenticated:
        return False
    sides = {role.person.member_id, role.partner_id}
    return _staff_changes(user) or bool(sides & _member_ids(user))


def may_link(user, *, member_id: int | None, partner_id: int | None = None) -> bool:
    """A representative may record only people and roles tied to an organisation it represents."""
    if _staff_changes(user):
        return True
    return bool({member_id, partner_id} & _member_ids(user))


def get_person_for(user, pk: int) -> Person:
    """The person a view works on; 404 for anyone who may not see it (no IDOR)."""
    try:
        return visible_people(user).select_related("member").get(pk=pk)
    except Person.DoesNotExist as exc:
        raise Http404 from exc
