import datetime

import pytest
from django.core.files.base import ContentFile

from partnerships.services import project_attach_agreement

from .factories import ProjectFactory


@pytest.fixture
def project(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    project = ProjectFactory()
    project.agreement_document.save("agreement.pdf", ContentFile(b"%PDF-1.4 agreement"))
    return project


def test_new_dates_for_a_stored_agreement_leave_its_file_closed(project):
    """Validating the stored document reads its first bytes and closes it again."""
    project_attach_agreement(project=project, signed_on=datetime.date(2025, 1, 1), expires_on=None)

    assert project.agreement_document.closed
    project.refresh_from_db()
    assert project.signed_on == datetime.date(2025, 1, 1)
