"""Who may see and change which member organisation: used by views, the API and selectors."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from accounts.roles import has_permission

from .models import Member

# Fields only the secretariat may change: the membership itself, not the profile.
MEMBERSHIP_FIELDS = ("status", "group_role", "joined_on", "left_on")
STAFF_ONLY_FIELDS = frozenset(MEMBERSHIP_FIELDS)


def represented_member_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(user.representations.values_list("member_id", flat=True))


def can_edit_member(user, member: Member) -> bool:
    """Member affairs may edit any member; a representative only the organisation it represents."""
    if not user.is_authenticated:
        return False
    return has_permission(user, "members.change") or member.pk in represented_member_ids(user)


def can_view_member(user, member: Member) -> bool:
    return has_permission(user, "members.view") or can_edit_member(user, member)


def get_member_for_editor(user, pk: int) -> Member:
    """The member a view works on; 403 for a logged-in user who may not touch it (no IDOR)."""
    member = get_object_or_404(Member, pk=pk)
    if not can_edit_member(user, member):
        raise PermissionDenied
    return member
