"""Registrations racing for the last places on PostgreSQL: exactly the capacity is admitted."""

import pytest
from django.db import connection

from events import services
from events.models import Registration
from tests.enrollment.test_concurrency import run_at_once
from tests.factories import UserFactory

from .factories import EventFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks and real concurrency need PostgreSQL"
    ),
]


def test_a_rush_at_capacity_admits_exactly_the_capacity():
    event = EventFactory(capacity=5)
    users = UserFactory.create_batch(12)
    results = run_at_once([lambda u=u: services.register(event=event, by=u) for u in users])
    assert all(isinstance(r, Registration) for r in results), results
    statuses = sorted(r.status for r in results)
    assert statuses.count(Registration.Status.CONFIRMED) == 5
    assert statuses.count(Registration.Status.WAITING) == 7
    # The waiting list is in the order the registrations were stored.
    waiting = list(event.registrations.waiting().values_list("pk", flat=True))
    assert waiting == sorted(waiting)


@pytest.fixture
def told(monkeypatch) -> list:
    """Record who is told instead of queueing mail from threads (eager Celery tasks in threads
    leave a process-wide flag set); telling is tested in test_registration."""
    calls: list = []
    monkeypatch.setattr(
        services, "tell_promoted", lambda registration: calls.append(registration.pk)
    )
    return calls


def test_cancellations_racing_promote_each_waiting_person_once(told):
    event = EventFactory(capacity=3)
    users = UserFactory.create_batch(6)
    regs = [services.register(event=event, by=u) for u in users]
    confirmed = regs[:3]
    results = run_at_once(
        [lambda r=r: services.cancel(registration=r) for r in confirmed]
        + [lambda r=confirmed[0]: services.cancel(registration=r)]  # the same one twice
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    promoted = {r.pk for r in results if r is not None}
    assert promoted == {regs[3].pk, regs[4].pk, regs[5].pk}
    assert event.registrations.confirmed().count() == 3
    assert sorted(told) == sorted(promoted)


def test_registrations_for_two_events_do_not_wait_for_each_other():
    first, second = EventFactory(capacity=1), EventFactory(capacity=1)
    users = UserFactory.create_batch(4)
    results = run_at_once(
        [
            lambda u=u, e=e: services.register(event=e, by=u)
            for u, e in zip(users, [first, second] * 2, strict=True)
        ]
    )
    assert all(isinstance(r, Registration) for r in results), results
    assert first.registrations.confirmed().count() == 1
    assert second.registrations.confirmed().count() == 1
