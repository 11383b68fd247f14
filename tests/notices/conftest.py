import pytest


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path):
    """Uploaded covers and attachments go to a folder the test removes."""
    settings.MEDIA_ROOT = tmp_path / "media"
