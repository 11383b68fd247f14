import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Report files go to a temporary MEDIA_ROOT, never the developer's data folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def no_registered_sections():
    """Snapshots hold only the sections a test registers itself (the data calls' real one is put
    back afterwards)."""
    from reports import snapshots

    registered = snapshots._SECTIONS.copy()
    snapshots._SECTIONS.clear()
    yield
    snapshots._SECTIONS.clear()
    snapshots._SECTIONS.update(registered)
