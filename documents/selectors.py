from django.db.models import Prefetch, QuerySet

from .models import Document, Folder, Version
from .permissions import visible_documents


def library(user, *, query: str = "", folder: int | None = None, kind: str = "") -> QuerySet:
    """The documents a user may read, matching a part of the title, with their versions."""
    documents = visible_documents(user).select_related("folder")
    if query:
        documents = documents.filter(title__icontains=query)
    if folder:
        documents = documents.filter(folder_id=folder)
    if kind in Document.Kind.values:
        documents = documents.filter(kind=kind)
    return documents.prefetch_related(
        Prefetch("versions", queryset=Version.objects.select_related("uploaded_by"))
    )


def folders() -> QuerySet[Folder]:
    return Folder.objects.all()


def charter_for(user) -> Document | None:
    """The latest charter the user may read, with its versions."""
    charters = library(user, kind=Document.Kind.CHARTER).order_by("-updated_at", "-pk")
    return charters.first()
