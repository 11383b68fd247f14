import datetime

import pytest

from partnerships.models import PlanTask
from partnerships.selectors import agreements_expiring, tasks_past_deadline

from .factories import PlanTaskFactory, ProjectFactory

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
