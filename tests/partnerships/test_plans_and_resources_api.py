import datetime

import pytest

from partnerships.models import SharedResource
from tests.factories import MemberFactory

from .factories import PlanTaskFactory


@pytest.fixture
def tasks(db):
    late = PlanTaskFactory(deadline=datetime.date(2022, 6, 30), status="in_progress")
    PlanTaskFactory(plan=late.plan, deadline=datetime.date(2022, 6, 30), status="done")
    return late


def test_staff_reads_plans_with_tasks(api_client, staff, tasks):
    api_client.force_authenticate(staff)
    body = api_client.get("/api/v1/work-plans/?year=2022").json()
    assert body["count"] == 1
    assert [t["state"] for t in body["results"][0]["tasks"]] == ["late", "done"]


def test_late_tasks_filter(api_client, staff, tasks):
    api_client.force_authenticate(staff)
    body = api_client.get("/api/v1/work-plan-tasks/?late=true").json()
    assert [row["id"] for row in body["results"]] == [tasks.pk]


@pytest.mark.parametrize("user_fixture", ["representative", "outsider"])
def test_non_staff_cannot_read_plans(api_client, request, tasks, user_fixture):
    api_client.force_authenticate(request.getfixturevalue(user_fixture))
    assert api_client.get("/api/v1/work-plans/").status_code == 403


def test_anonymous_gets_401_for_plans(api_client, tasks):
    assert api_client.get("/api/v1/work-plans/").status_code == 401


def test_resources_for_staff_and_representatives_only(api_client, representative, outsider):
    SharedResource.objects.create(
        member=MemberFactory(), kind="equipment", name="五轴加工中心", contact_name="李工"
    )
    api_client.force_authenticate(representative)
    assert api_client.get("/api/v1/shared-resources/").json()["count"] == 1
    api_client.force_authenticate(outsider)
    assert api_client.get("/api/v1/shared-resources/").status_code == 403
