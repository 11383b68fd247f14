"""Who may see and change which member organisation: used by views, the API and selectors."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from core.roles import has_permission

from .models import Member

# Fields only the secretariat may change: the membership itself, not the profile.
MEMBERSHIP_FIELDS = ("status", "group_role", "joined_on", "left_on")
STAFF_ONLY_FIELDS = frozenset(MEMBERSHIP_FIELDS)


def represented_member_ids(user) -> frozenset[int]:
    """The members a user represents (read once per user object, i.e. once per request)."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_represented_member_ids"):
        user._represented_member_ids = frozenset(
            user.representations.values_list("member_id", flat=True)
        )
    return user._represented_member_ids


def can_edit_member(user, member: Member) -> bool:
    """Member affairs may edit any member; a representative only the organisation it represents."""
    if not user.is_authenticated:
        return False
    return has_permission(user, "members.change") or member.pk in represented_member_ids(user)


def can_view_member(user, member: Member) -> bool:
    return has_permission(user, "members.view") or can_edit_member(user, member)


def editable_members(user) -> QuerySet[Member]:
    if has_permission(user, "members.change"):
        return Member.objects.all()
    return Member.objects.filter(pk__in=represented_member_ids(user))


def get_member_for_editor(user, pk: int) -> Member:
    """The member a page works on; 404 to anyone who may not touch it, as for every record
    of the portal an outsider asks for (no hint that it exists)."""
    return get_object_or_404(editable_members(user), pk=pk)


def represented_members_or_404(user) -> QuerySet[Member]:
    """The members a user represents, for the member area; 404 to a user representing none."""
    if not represented_member_ids(user):
        raise Http404
    return Member.objects.filter(pk__in=represented_member_ids(user))
