import pytest

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%test\n"


@pytest.fixture(autouse=True)
def _private_files_in_tmp(settings, tmp_path):
    settings.DATA_DIR = tmp_path
