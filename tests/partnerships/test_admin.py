import pytest

from tests.factories import StaffFactory

from .factories import ParticipantFactory, PlanTaskFactory, ProjectFactory


@pytest.mark.parametrize(
    "url",
    [
        "/admin/partnerships/project/",
        "/admin/partnerships/project/{project}/change/",
        "/admin/partnerships/workplan/{plan}/change/",
        "/admin/partnerships/internshipoffer/",
        "/admin/partnerships/sharedresource/",
    ],
)
def test_superuser_opens_partnership_admin(client_for, db, url):
    project = ProjectFactory()
    ParticipantFactory(project=project)
    task = PlanTaskFactory()
    admin = StaffFactory(is_superuser=True)
    response = client_for(admin).get(url.format(project=project.pk, plan=task.plan_id))
    assert response.status_code == 200
