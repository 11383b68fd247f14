import datetime

import pytest

from partnerships.models import PlanTask
from partnerships.selectors import agreements_expiring, plan_progress, tasks_past_deadline

from .factories import PlanTaskFactory, ProjectFactory, WorkPlanFactory

TODAY = datetime.date(2026, 11, 22)


def test_agreements_expiring_within_60_days(db):
    soon = ProjectFactory(title="soon", expires_on=TODAY + datetime.timedelta(days=60))
    today = ProjectFactory(title="today", expires_on=TODAY)
    ProjectFactory(title="later", expires_on=TODAY + datetime.timedelta(days=61))
    ProjectFactory(title="past", expires_on=TODAY - datetime.timedelta(days=1))
    ProjectFactory(title="over", status="finished", expires_on=TODAY + datetime.timedelta(days=5))
    ProjectFactory(title="none", expires_on=None)
    assert list(agreements_expiring(today=TODAY)) == [today, soon]
    assert list(agreements_expiring(days=0, today=TODAY)) == [today]


def test_tasks_past_deadline(db):
    late = PlanTaskFactory(deadline=TODAY - datetime.timedelta(days=1), status="in_progress")
    PlanTaskFactory(deadline=TODAY - datetime.timedelta(days=1), status="done")
    PlanTaskFactory(deadline=TODAY, status="not_started")
    PlanTaskFactory(deadline=None)
    assert list(tasks_past_deadline(today=TODAY)) == [late]


@pytest.mark.parametrize(
    "status, deadline, state",
    [
        ("done", datetime.date(2000, 1, 1), "done"),
        ("in_progress", datetime.date(2000, 1, 1), "late"),
        ("not_started", datetime.date(2999, 1, 1), "on_track"),
        ("not_started", None, "on_track"),
    ],
)
def test_task_state_at_a_glance(db, status, deadline, state):
    assert PlanTask(status=status, deadline=deadline).state == state


def test_plan_progress_counts_the_years_tasks_like_the_plan_page(db, django_assert_num_queries):
    plan = WorkPlanFactory(year=2026, title="2026年度工作计划")
    second = WorkPlanFactory(year=2026, title="2026年度专项计划")
    other_year = WorkPlanFactory(year=2025)
    day = datetime.timedelta(days=1)
    PlanTaskFactory(plan=plan, status="done", deadline=TODAY - 30 * day)
    PlanTaskFactory(plan=plan, status="in_progress", deadline=TODAY)
    PlanTaskFactory(plan=plan, status="not_started", deadline=None)
    late = PlanTaskFactory(plan=plan, status="in_progress", deadline=TODAY - 2 * day)
    later = PlanTaskFactory(plan=second, status="not_started", deadline=TODAY - 9 * day)
    PlanTaskFactory(plan=other_year, status="not_started", deadline=TODAY - 100 * day)
    with django_assert_num_queries(2):
        progress = plan_progress(2026, today=TODAY)
    assert progress["states"] == {"done": 1, "on_track": 2, "late": 2}
    assert progress["total"] == 5
    assert progress["percent"] == {"done": 20, "on_track": 40, "late": 40}
    assert [(p.title, p.done, p.on_track, p.late) for p in progress["plans"]] == [
        ("2026年度专项计划", 0, 0, 1),
        ("2026年度工作计划", 1, 2, 1),
    ]
    assert progress["late_tasks"] == [later, late]


def test_plan_progress_of_a_year_without_plan_is_empty(db):
    progress = plan_progress(2026, today=TODAY)
    assert progress == {
        "plans": [],
        "states": {"done": 0, "on_track": 0, "late": 0},
        "total": 0,
        "percent": {"done": 0, "on_track": 0, "late": 0},
        "late_tasks": [],
    }
