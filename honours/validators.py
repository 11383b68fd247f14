"""Checks for uploaded award evidence: the declared type, the content and the size."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.uploads import sniff_content_type

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
EXTENSIONS = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}


def validate_evidence(file) -> None:
    """A PDF, JPEG or PNG certificate of at most 10 MB whose content matches its name."""
    extension = Path(file.name or "").suffix.lower()
    if extension not in EXTENSIONS:
        raise ValidationError(
            _("Upload the evidence as a PDF, JPEG or PNG file."), code="evidence_type"
        )
    if file.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(
            _("The file is too large: at most %(limit)d MB.")
            % {"limit": MAX_EVIDENCE_BYTES // (1024 * 1024)},
            code="evidence_size",
        )
    if file.size == 0:
        raise ValidationError(_("The file is empty."), code="evidence_empty")
    opened_here = getattr(file, "closed", False)
    content_type = sniff_content_type(file)
    if opened_here:
        file.close()
    if content_type != EXTENSIONS[extension]:
        raise ValidationError(
            _("The file's content is not a %(type)s document.")
            % {"type": extension.lstrip(".").upper()},
            code="evidence_content",
        )


def validate_not_future(value) -> None:
    if value and value > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."), code="future_date")
