"""Checks for uploaded agreement documents: the declared type, the content and the size."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from vetgroup.uploads import sniff_content_type

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

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
    if file.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("The file is too large: at most %(limit)d MB.")
            % {"limit": MAX_DOCUMENT_BYTES // (1024 * 1024)},
            code="document_size",
        )
    if file.size == 0:
        raise ValidationError(_("The file is empty."), code="document_empty")
    # A stored document (a project saved again) is opened by reading it: close it again.
    opened_here = getattr(file, "closed", False)
    content_type = sniff_content_type(file)
    if opened_here:
        file.close()
    if content_type != EXTENSIONS[extension]:
        raise ValidationError(
            _("The file's content is not a %(type)s document.")
            % {"type": extension.lstrip(".").upper()},
            code="document_content",
        )
