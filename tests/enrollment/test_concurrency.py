"""Races on PostgreSQL: rush of submissions, duplicate ID numbers, two staff approving at once."""

import threading
from datetime import date

import pytest
from django.db import connection
from rest_framework.test import APIClient

from enrollment import services
from enrollment.demo import demo_resident_id
from enrollment.models import Application
from outbox.tasks import send
from tests.factories import StaffFactory, UserFactory

from .factories import IntakeFactory, submitted

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks and real concurrency need PostgreSQL"
    ),
]


@pytest.fixture(autouse=True)
def queued(monkeypatch) -> list:
    """Record the messages queued instead of running them eagerly: Celery keeps a process-wide
    flag while an eager task runs, and threads running eager tasks at once leave it set, which
    breaks any later result.get(). Notices are tested in test_services."""
    calls: list = []
    monkeypatch.setattr(send, "apply_async", lambda args, **options: calls.append(args[0]))
    return calls


def run_at_once(functions) -> list:
    """Run the functions in threads released together; return each result or exception."""
    barrier = threading.Barrier(len(functions))
    results: list = [None] * len(functions)

    def worker(index, function):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            results[index] = function()
        except Exception as error:  # noqa: BLE001 - collected for the assertions
            results[index] = error
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=worker, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def fields(n: int) -> dict:
    return {
        "full_name": f"赵{n}",
        "id_number": demo_resident_id("441900", date(1990, 2, 2), n),
        "phone": f"139{n:08d}",
        "education": "高中",
    }


def test_a_rush_of_applicants_all_stored_exactly_once():
    intake = IntakeFactory()
    users = UserFactory.create_batch(12)
    results = run_at_once(
        [
            lambda u=u, n=n: services.application_create(applicant=u, intake=intake, **fields(n))
            for n, u in enumerate(users)
        ]
    )
    assert all(isinstance(r, Application) for r in results), results
    assert Application.objects.filter(intake=intake).count() == 12


def test_two_racing_requests_for_the_same_id_number_store_one():
    intake = IntakeFactory()
    users = UserFactory.create_batch(6)
    results = run_at_once(
        [
            lambda u=u: services.application_create(applicant=u, intake=intake, **fields(7))
            for u in users
        ]
    )
    stored = [r for r in results if isinstance(r, Application)]
    refused = [r for r in results if isinstance(r, services.EnrollmentError)]
    assert len(stored) == 1 and len(refused) == 5
    assert Application.objects.filter(intake=intake).count() == 1


def test_staff_approving_at_once_never_exceed_the_quota(queued):
    intake = IntakeFactory(quota=3)
    applications = [submitted(intake=intake) for _ in range(10)]
    staff = StaffFactory.create_batch(2)
    results = run_at_once(
        [
            lambda a=a, s=staff[i % 2]: services.application_approve(application=a, actor=s)
            for i, a in enumerate(applications)
        ]
    )
    approved = Application.objects.filter(intake=intake, status=Application.Status.APPROVED)
    assert approved.count() == 3
    assert sum(isinstance(r, services.EnrollmentError) for r in results) == 7
    # one notice per approval (an e-mail and a text), none for the refusals
    assert len(queued) == 6


def test_concurrent_api_requests_for_the_same_id_number_store_one():
    intake = IntakeFactory()
    clients = []
    for user in UserFactory.create_batch(4):
        client = APIClient()
        client.force_authenticate(user)
        clients.append(client)
    body = {"intake": intake.pk, **fields(11)}
    results = run_at_once(
        [
            lambda c=c: c.post("/api/v1/enrollment/applications/", body, format="json")
            for c in clients
        ]
    )
    codes = sorted(r.status_code for r in results)
    assert codes == [201, 400, 400, 400], results
    assert Application.objects.filter(intake=intake).count() == 1
