"""What an uploaded file really is, read from its first bytes rather than its name."""

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
