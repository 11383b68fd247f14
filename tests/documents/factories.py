from django.core.files.base import ContentFile

from documents import services
from documents.models import Access, Document, Folder


def pdf(text: str = "charter") -> ContentFile:
    return ContentFile(b"%PDF-1.4 " + text.encode(), name=f"{text}.pdf")


def make_document(
    title="集团章程", access=Access.PUBLIC, kind=Document.Kind.OTHER, by=None, content="v1"
) -> Document:
    folder, _ = Folder.objects.get_or_create(name="章程与制度")
    return services.document_create(
        fields={"folder": folder, "title": title, "access": access, "kind": kind},
        file=pdf(content),
        by=by,
    )
