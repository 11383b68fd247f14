"""Who may see and change cooperation projects and internship offers."""

from django.db.models import Q, QuerySet

from core.roles import has_permission
from members.permissions import represented_member_ids

from .models import InternshipOffer, Project, SharedResource

__all__ = ["represented_member_ids"]  # read from here by this app's views and API


def visible_projects(user) -> QuerySet[Project]:
    """Staff see every project; a representative the projects its members take part in."""
    if has_permission(user, "projects.view"):
        return Project.objects.all()
    member_ids = represented_member_ids(user)
    if not member_ids:
        return Project.objects.none()
    return Project.objects.filter(
        pk__in=Project.objects.filter(participants__member_id__in=member_ids).values("pk")
    )


def can_view_projects(user) -> bool:
    return has_permission(user, "projects.view") or bool(represented_member_ids(user))


def editable_offers(user) -> QuerySet[InternshipOffer]:
    """Offers a user may change: staff all, a representative its own members' offers."""
    if has_permission(user, "projects.change"):
        return InternshipOffer.objects.all()
    return InternshipOffer.objects.filter(member_id__in=represented_member_ids(user))


def can_search_pool(user) -> bool:
    """Staff and the representatives of schools search the internship pool."""
    return has_permission(user, "projects.view") or bool(represented_member_ids(user))


def editable_resources(user) -> QuerySet[SharedResource]:
    """Shared resources a user may change: staff all, a representative its own members'."""
    if has_permission(user, "projects.change"):
        return SharedResource.objects.all()
    return SharedResource.objects.filter(member_id__in=represented_member_ids(user))


def visible_resources(user) -> QuerySet[SharedResource]:
    """The shared resources a user may see: the available ones and those the user may change
    (staff all: one plain list, which the list's order index serves)."""
    if has_permission(user, "projects.change"):
        return SharedResource.objects.all()
    return SharedResource.objects.filter(
        Q(is_available=True) | Q(member_id__in=represented_member_ids(user))
    )


def can_edit_project(user, project: Project | None = None) -> bool:
    return has_permission(user, "projects.change")
