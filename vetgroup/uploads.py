"""Uploaded files: what one really is (read from its first bytes, not its name), and how one
is sent back."""

from django.http import FileResponse, Http404

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
