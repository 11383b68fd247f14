"""Who reads which document: the one check for pages, downloads and the API."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from core.roles import has_permission
from members.permissions import represented_member_ids

from .models import Access, Document


def readable_levels(user) -> tuple[str, ...]:
    """Everyone: public; member representatives: also members; the governance readers: all."""
    if user.is_authenticated and has_permission(user, "governance.view"):
        return tuple(Access.values)
    if represented_member_ids(user):
        return (Access.PUBLIC, Access.MEMBERS)
    return (Access.PUBLIC,)


def visible_documents(user) -> QuerySet[Document]:
    return Document.objects.filter(access__in=readable_levels(user))


def get_document_or_404(user, pk: int) -> Document:
    """404 for a document the user may not read, as for one that does not exist."""
    return get_object_or_404(visible_documents(user), pk=pk)


def can_change_documents(user) -> bool:
    return user.is_authenticated and has_permission(user, "governance.change")
