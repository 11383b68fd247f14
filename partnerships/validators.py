"""Checks for uploaded agreement documents: the declared type, the content and the size."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.uploads import MB, check_upload

MAX_DOCUMENT_MB = 10
MAX_DOCUMENT_BYTES = MAX_DOCUMENT_MB * MB

# Extension -> the type its content must have.
EXTENSIONS = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}


def validate_agreement_document(file) -> None:
    """A PDF, JPEG or PNG of at most 10 MB whose content matches its name."""
    extension = Path(file.name or "").suffix.lower()
    if extension not in EXTENSIONS:
        raise ValidationError(
            _("Upload the agreement as a PDF, JPEG or PNG file."), code="document_type"
        )
    check_upload(file, max_mb=MAX_DOCUMENT_MB, types=(EXTENSIONS[extension],))
