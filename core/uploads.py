"""Uploaded files: the one check of their size and type (read from the first bytes, not the
name), and how one is sent back."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _

MB = 1024 * 1024
IMAGE_TYPES = ("image/jpeg", "image/png")
DOCUMENT_TYPES = (*IMAGE_TYPES, "application/pdf")
TYPE_NAMES = {"image/jpeg": "JPEG", "image/png": "PNG", "application/pdf": "PDF"}

# The first bytes of each file type the portal accepts, and the type they mean.
SIGNATURES = [
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"%PDF-", "application/pdf"),
]


def sniff_content_type(file) -> str | None:
    """The file's type from its content, or None; the file's read position is kept."""
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(16)
    file.seek(position)
    return next((kind for magic, kind in SIGNATURES if head.startswith(magic)), None)


def check_upload(file, *, max_mb: int, types: tuple[str, ...] | None = None) -> str | None:
    """Refuse (ValidationError) an empty file, one over `max_mb` MB, or, when `types` is given,
    one whose content is none of them. Returns the content type read from the file."""
    if file.size > max_mb * MB:
        raise ValidationError(
            _("The file is larger than %(mb)d MB.") % {"mb": max_mb}, code="upload_size"
        )
    if file.size == 0:
        raise ValidationError(_("The file is empty."), code="upload_empty")
    # A stored file (a record saved again) is opened by reading it: close it again.
    opened_here = getattr(file, "closed", False)
    content_type = sniff_content_type(file)
    if opened_here:
        file.close()
    if types is not None and content_type not in types:
        names = ", ".join(TYPE_NAMES[t] for t in types)
        raise ValidationError(
            _("Upload a %(types)s file: this file's content is not one.") % {"types": names},
            code="upload_type",
        )
    return content_type


def check_upload_total(files, *, max_mb: int, already: int = 0) -> None:
    """Refuse files that together (with `already` bytes kept) exceed `max_mb` MB."""
    if sum(f.size for f in files) + already > max_mb * MB:
        raise ValidationError(
            _("The files total more than %(mb)d MB.") % {"mb": max_mb}, code="upload_total"
        )


# Office documents: Word, Excel and PowerPoint as ZIP (2007 and later) or OLE2 (97-2003) files.
OFFICE_ZIP, OFFICE_OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DOCUMENT_EXTENSIONS = {
    ".pdf": b"%PDF-",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
    ".png": b"\x89PNG\r\n\x1a\n",
    ".doc": OFFICE_OLE,
    ".xls": OFFICE_OLE,
    ".ppt": OFFICE_OLE,
    ".docx": OFFICE_ZIP,
    ".xlsx": OFFICE_ZIP,
    ".pptx": OFFICE_ZIP,
}


def validate_document(file, extensions: dict[str, bytes] = DOCUMENT_EXTENSIONS) -> None:
    """A file of an allowed extension whose first bytes are that type's: an HTML or SVG page
    is refused whatever its name."""
    name = file.name or ""
    magic = extensions.get(Path(name).suffix.lower())
    if magic is None:
        allowed = ", ".join(sorted(extensions))
        raise ValidationError(
            _("“%(name)s”: this type of file cannot be uploaded (allowed: %(allowed)s).")
            % {"name": name, "allowed": allowed},
            code="file_type",
        )
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(len(magic))
    file.seek(position)
    if head != magic:
        raise ValidationError(
            _("“%(name)s”: the content is not what its name says.") % {"name": name},
            code="file_content",
        )


def download_response(file, *, filename: str, content_type: str | None = None) -> FileResponse:
    """An uploaded file sent as a download, never rendered as a page by the browser.

    `attachment` (with an RFC 5987 `filename*` for Chinese names) and `nosniff` make an
    uploaded HTML or SVG file harmless; <img> tags still show images. 404 if the file is gone.
    """
    try:
        handle = file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
