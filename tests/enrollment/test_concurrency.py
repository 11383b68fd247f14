"""Races on PostgreSQL: rush of submissions, duplicate ID numbers, two staff approving at once."""

import threading
from datetime import date

import pytest
from django.db import connection
from rest_framework.test import APIClient

from enrollment import services
from enrollment.demo import demo_resident_id
from enrollment.models import Application, ApplicationEvent, Intake
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
    assert not [r for r in results if isinstance(r, Exception)]
    waiting = Application.objects.filter(intake=intake, waitlist_rank__isnull=False)
    assert sorted(waiting.values_list("waitlist_rank", flat=True)) == list(range(1, 8))
    # each of the 10 (3 approvals, 7 places on the waiting list) is told by e-mail and by text
    assert len(queued) == 20


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


# --- The waiting list: places freed, offered, approved and let lapse at once ------------------


def _full(quota: int, waiting: int, staff) -> tuple[list, list]:
    """An intake with `quota` approved and `waiting` on the list (ranks 1..waiting)."""
    intake = IntakeFactory(quota=quota)
    approved = [submitted(intake=intake) for _ in range(quota)]
    listed = [submitted(intake=intake) for _ in range(waiting)]
    for application in approved + listed:
        services.application_approve(application=application, actor=staff)
    return approved, listed


def _places(intake_id: int) -> dict:
    rows = Application.objects.filter(intake_id=intake_id)
    return {
        "approved": rows.filter(status=Application.Status.APPROVED).count(),
        "offered": rows.filter(status="submitted", offer_expires_at__isnull=False).count(),
        "waiting": rows.filter(status="submitted", waitlist_rank__isnull=False).count(),
    }


def test_places_freed_at_once_are_each_offered_once_in_list_order():
    staff = StaffFactory()
    approved, listed = _full(5, 10, staff)
    intake_id = approved[0].intake_id
    newcomers = [submitted(intake=approved[0].intake) for _ in range(3)]
    calls = [
        *(
            lambda a=a: services.application_withdraw(application=a, actor=a.applicant)
            for a in approved[:3]
        ),
        *(
            lambda a=a: services.application_reject(application=a, actor=staff, reason="不符")
            for a in approved[3:5]
        ),
        # Two on the list leave while places are being offered.
        *(
            lambda a=a: services.application_withdraw(application=a, actor=a.applicant)
            for a in listed[7:9]
        ),
        *(lambda a=a: services.application_approve(application=a, actor=staff) for a in newcomers),
    ]
    results = run_at_once(calls)
    assert not [r for r in results if isinstance(r, Exception)], results
    # All 5 approved places freed: 5 offered, none twice, none lost; the first 5 of the list.
    assert _places(intake_id) == {"approved": 0, "offered": 5, "waiting": 3 + 3}
    offered = Application.objects.filter(intake_id=intake_id, offer_expires_at__isnull=False)
    assert sorted(offered.values_list("pk", flat=True)) == sorted(a.pk for a in listed[:5])
    # The newcomers queue behind those still waiting, in their order of decision.
    still = Application.objects.filter(intake_id=intake_id, waitlist_rank__isnull=False)
    ranked = list(still.order_by("waitlist_rank").values_list("pk", flat=True))
    assert ranked[:3] == [listed[5].pk, listed[6].pk, listed[9].pk]
    assert sorted(ranked[3:]) == sorted(a.pk for a in newcomers)


def test_lapsed_offers_racing_with_acceptances_move_on_once():
    from datetime import timedelta

    from django.utils import timezone

    staff = StaffFactory()
    approved, listed = _full(4, 8, staff)
    intake_id = approved[0].intake_id
    for a in approved:
        services.application_withdraw(application=a, actor=a.applicant)
    # Offers now held by listed[0:4]; two lapse, two are accepted, while the task runs twice.
    Application.objects.filter(pk__in=[listed[0].pk, listed[1].pk]).update(
        offer_expires_at=timezone.now() - timedelta(minutes=5)
    )
    results = run_at_once(
        [
            services.offers_expire,
            services.offers_expire,
            lambda: services.offer_accept(application=listed[2], actor=listed[2].applicant),
            lambda: services.offer_accept(application=listed[3], actor=listed[3].applicant),
        ]
    )
    assert sum(results[:2]) == 2, results  # each lapsed offer moved on by one run only
    assert all(isinstance(r, Application) for r in results[2:]), results
    assert _places(intake_id) == {"approved": 2, "offered": 2, "waiting": 2}
    offered = Application.objects.filter(intake_id=intake_id, offer_expires_at__isnull=False)
    assert sorted(offered.values_list("pk", flat=True)) == [listed[4].pk, listed[5].pk]
    lapsed = Application.objects.filter(pk__in=[listed[0].pk, listed[1].pk])
    assert set(lapsed.values_list("status", flat=True)) == {"withdrawn"}
    assert ApplicationEvent.objects.filter(action="offer_expired").count() == 2


def test_raising_the_quota_twice_at_once_offers_each_place_once():
    staff = StaffFactory()
    approved, listed = _full(3, 6, staff)
    intake = approved[0].intake
    Intake.objects.filter(pk=intake.pk).update(quota=5)
    results = run_at_once([lambda: services.intake_places_offer(intake=intake)] * 3)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert _places(intake.pk) == {"approved": 3, "offered": 2, "waiting": 4}
    offers = ApplicationEvent.objects.filter(application__intake=intake, action="offer")
    assert sorted(offers.values_list("application_id", flat=True)) == [listed[0].pk, listed[1].pk]
