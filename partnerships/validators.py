"""Checks for uploaded agreement documents: the declared type, the content and the size."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

# Extension -> the bytes that file type starts with.
SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}


def validate_agreement_document(file) -> None:
    """A PDF, JPEG or PNG of at most 10 MB whose content matches its name."""
    extension = Path(file.name or "").suffix.lower()
    if extension not in SIGNATURES:
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
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(16)
    file.seek(position)
    if opened_here:
        file.close()
    if not any(head.startswith(signature) for signature in SIGNATURES[extension]):
        raise ValidationError(
            _("The file's content is not a %(type)s document.")
            % {"type": extension.lstrip(".").upper()},
            code="document_content",
        )
