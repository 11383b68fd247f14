import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.uploads import DOCUMENT_TYPES, IMAGE_TYPES, check_upload, sniff_content_type


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"%PDF-1.7\n", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"<html><script>alert(1)</script>", None),  # an HTML page renamed to .pdf
        (b"", None),
    ],
)
def test_the_type_comes_from_the_content_not_the_name(head, expected):
    assert sniff_content_type(io.BytesIO(head)) == expected


def test_sniffing_keeps_the_read_position():
    file = io.BytesIO(b"%PDF-1.7 and more")
    file.seek(5)
    sniff_content_type(file)
    assert file.tell() == 5


def _upload(content: bytes, name: str = "file.pdf"):
    return SimpleUploadedFile(name, content)


def test_one_check_refuses_a_file_over_the_limit_and_takes_one_at_it():
    at_limit = b"%PDF-" + b"\0" * (1_048_576 - 5)  # 1 MB = 1,048,576 bytes
    assert check_upload(_upload(at_limit), max_mb=1) == "application/pdf"
    with pytest.raises(ValidationError) as refused:
        check_upload(_upload(at_limit + b"\0"), max_mb=1)
    assert refused.value.code == "upload_size"


@pytest.mark.parametrize(
    ("content", "code"),
    [(b"", "upload_empty"), (b"<html><script>alert(1)</script>", "upload_type")],
)
def test_one_check_refuses_empty_files_and_content_of_another_type(content, code):
    with pytest.raises(ValidationError) as refused:
        check_upload(_upload(content), max_mb=5, types=DOCUMENT_TYPES)
    assert refused.value.code == code


def test_the_type_is_the_contents_whatever_the_name():
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 10
    assert check_upload(_upload(png, "scan.pdf"), max_mb=1, types=IMAGE_TYPES) == "image/png"
