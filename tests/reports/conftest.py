import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Report files go to a temporary MEDIA_ROOT, never the developer's data folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
