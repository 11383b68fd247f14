"""Who may see and record which awards, and who sees the chain map."""

from django.db.models import Q, QuerySet

from core.roles import has_permission
from members.permissions import represented_member_ids

from .models import Award


def visible_awards(user) -> QuerySet[Award]:
    """Everyone sees confirmed awards; staff all; a representative also its members' pending."""
    if has_permission(user, "members.view"):
        return Award.objects.all()
    own = represented_member_ids(user)
    if not own:
        return Award.objects.confirmed()
    return Award.objects.filter(
        Q(status=Award.Status.CONFIRMED) | Q(members__in=own) | Q(recorded_by=user)
    ).distinct()


def can_record_awards(user) -> bool:
    staff = has_permission(user, "members.change")
    return user.is_authenticated and (staff or bool(represented_member_ids(user)))


def can_view_chains(user) -> bool:
    """The chain map names the members on each link: for staff and members' representatives."""
    staff = has_permission(user, "members.view")
    return user.is_authenticated and (staff or bool(represented_member_ids(user)))
