from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core.uploads import check_upload, validate_document

from .models import MAX_MB, Document, Version


def check_file(file) -> None:
    """The portal's one upload check: allowed types by name and content, size limit."""
    if file is None:
        raise ValidationError({"file": ValidationError(_("Choose a file to upload."))})
    validate_document(file)
    check_upload(file, max_mb=MAX_MB)


def version_add(*, document: Document, file, by, note: str = "") -> Version:
    """A new version of the document; the earlier ones are kept. The document row is locked so
    two uploads at once get numbers one after the other."""
    check_file(file)
    with transaction.atomic():
        Document.objects.select_for_update().filter(pk=document.pk).first()
        last = document.versions.aggregate(last=Max("number"))["last"] or 0
        version = Version(
            document=document,
            number=last + 1,
            original_name=Path(file.name or "").name[-200:],
            size=file.size,
            note=note,
            uploaded_by=by if by is not None and by.is_authenticated else None,
        )
        version.file.save(file.name, file, save=False)
        version.save()
        document.save(update_fields=["updated_at"])
    return version


def document_create(*, fields: dict, file, by, note: str = "") -> Document:
    check_file(file)
    with transaction.atomic():
        document = Document(**fields)
        document.full_clean()
        document.save()
        version_add(document=document, file=file, by=by, note=note)
    return document
