import pytest
from django.core.management import call_command

from partnerships.models import PlanTask, WorkPlan

# each test loads the demo group: run once, in the PostgreSQL + Redis run of .ci/run
pytestmark = pytest.mark.slow


@pytest.fixture
def plan(db):
    call_command("load_demo", "--no-login")
    return WorkPlan.objects.get(year=2022)


def test_staff_sees_the_plan_with_its_13_tasks_and_progress(client_for, staff, plan):
    body = client_for(staff).get(f"/staff/plans/{plan.pk}/").content.decode()
    assert body.count('href="/staff/plans/tasks/') == 13
    assert "共建新型产业学院" in body
    assert "捷荣模具产业学院" in body  # the project carrying task 12
    assert 'data-testid="plan-progress"' in body


def test_plan_list_shows_tasks_past_deadline(client_for, staff, plan):
    body = client_for(staff).get("/staff/plans/").content.decode()
    late = PlanTask.objects.past_deadline()
    assert late.exists()
    for task in late:
        assert task.title in body


def test_staff_updates_a_task(client_for, staff, plan):
    task = plan.tasks.get(number=3)
    response = client_for(staff).post(
        f"/staff/plans/tasks/{task.pk}/",
        {
            "number": "3",
            "title": task.title,
            "lead": task.lead_id,
            "status": "done",
            "deadline": "2022-09-30",
            "progress": "已与港科大联合创办创客空间",
        },
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == "done" and task.state == "done"


@pytest.mark.parametrize("user_fixture", ["representative", "outsider"])
def test_non_staff_cannot_see_plans(client_for, request, plan, user_fixture):
    client = client_for(request.getfixturevalue(user_fixture))
    assert client.get("/staff/plans/").status_code == 403
    assert client.get(f"/staff/plans/{plan.pk}/").status_code == 403


def test_plan_page_query_count(client_for, staff, plan, django_assert_max_num_queries):
    client = client_for(staff)
    with django_assert_max_num_queries(12):
        assert client.get(f"/staff/plans/{plan.pk}/").status_code == 200


def test_staff_creates_a_plan_and_adds_numbered_tasks(client_for, staff, db):
    client = client_for(staff)
    response = client.post(
        "/staff/plans/new/", {"year": "2023", "title": "2023年度工作计划", "goals": "深化产教融合"}
    )
    plan = WorkPlan.objects.get(year=2023)
    assert response.status_code == 302
    form = client.get(f"/staff/plans/{plan.pk}/tasks/new/").content.decode()
    assert 'name="number" value="1"' in form
    response = client.post(
        f"/staff/plans/{plan.pk}/tasks/new/",
        {"number": "1", "title": "共建产业学院", "status": "not_started", "deadline": "2023-12-31"},
    )
    assert response.status_code == 302
    duplicate = client.post(
        f"/staff/plans/{plan.pk}/tasks/new/",
        {"number": "1", "title": "重复编号", "status": "not_started"},
    )
    assert duplicate.status_code == 200
    assert "重复编号" in duplicate.content.decode()
    assert list(plan.tasks.values_list("title", flat=True)) == ["共建产业学院"]


@pytest.mark.parametrize("user_fixture", ["representative", "outsider"])
def test_non_staff_cannot_create_plans(client_for, request, db, user_fixture):
    client = client_for(request.getfixturevalue(user_fixture))
    assert client.post("/staff/plans/new/", {"year": "2023", "title": "x"}).status_code == 403
    assert not WorkPlan.objects.exists()
