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


def test_agreement_downloads_as_an_attachment(client_for, staff, tmp_path, settings):
    from django.core.files.base import ContentFile

    from tests.partnerships.factories import ProjectFactory

    settings.MEDIA_ROOT = tmp_path
    project = ProjectFactory()
    project.agreement_document.save("协议.pdf", ContentFile(b"%PDF-1.4 test"))
    response = client_for(staff).get(f"/projects/{project.pk}/agreement.file")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    b"".join(response.streaming_content)
