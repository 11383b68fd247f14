import io

import pytest

from vetgroup.uploads import sniff_content_type


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
