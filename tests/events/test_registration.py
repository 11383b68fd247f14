"""Registering, the waiting list and its promotion in order, checking in once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from events import services
from events.models import Registration
from notices.models import SavedAudience
from tests.factories import MemberFactory, RepresentativeFactory, StaffFactory, UserFactory

from .factories import EventFactory

pytestmark = pytest.mark.django_db

CONFIRMED, WAITING = Registration.Status.CONFIRMED, Registration.Status.WAITING


def test_beyond_capacity_goes_to_the_waiting_list_never_over():
    event = EventFactory(capacity=2)
    people = UserFactory.create_batch(4)
    statuses = [services.register(event=event, by=u).status for u in people]
    assert statuses == [CONFIRMED, CONFIRMED, WAITING, WAITING]
    assert event.registrations.confirmed().count() == 2


def test_a_freed_place_goes_to_the_first_waiting_who_is_told(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    first, second, third = UserFactory.create_batch(3)
    taken = services.register(event=event, by=first)
    waiting_1 = services.register(event=event, by=second)
    waiting_2 = services.register(event=event, by=third)
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel(registration=taken)
    assert promoted.pk == waiting_1.pk
    waiting_1.refresh_from_db()
    waiting_2.refresh_from_db()
    assert (waiting_1.status, waiting_2.status) == (CONFIRMED, WAITING)
    assert [m.to for m in mail.outbox] == [[second.email]]
    assert f"/events/tickets/{waiting_1.code}/" in mail.outbox[0].body


def test_raising_the_capacity_promotes_in_order():
    event = EventFactory(capacity=1)
    regs = [services.register(event=event, by=u) for u in UserFactory.create_batch(4)]
    event.capacity = 3
    event.save()
    promoted = services.capacity_raised(event=event)
    assert [r.pk for r in promoted] == [regs[1].pk, regs[2].pk]


def test_registering_twice_is_refused_with_a_message():
    event = EventFactory(capacity=5)
    user = UserFactory()
    services.register(event=event, by=user)
    with pytest.raises(ValidationError):
        services.register(event=event, by=user)
    assert event.registrations.count() == 1


def test_registration_after_the_deadline_is_refused():
    event = EventFactory(registration_closes_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(ValidationError):
        services.register(event=event, by=UserFactory())


def test_a_representative_registers_delegates_of_its_member_only():
    member, other = MemberFactory(), MemberFactory()
    rep = RepresentativeFactory(member=member).user
    event = EventFactory(capacity=10)
    one = services.register(event=event, by=rep, member=member, name="张三")
    two = services.register(event=event, by=rep, member=member, name="李四")
    assert {one.name, two.name} == {"张三", "李四"}
    with pytest.raises(PermissionDenied):
        services.register(event=event, by=rep, member=other, name="王五")


def test_an_audience_limits_who_may_register():
    school = MemberFactory(kind="vocational_school")
    company = MemberFactory(kind="enterprise")
    school_rep = RepresentativeFactory(member=school).user
    company_rep = RepresentativeFactory(member=company).user
    saved = SavedAudience.objects.create(
        name="职业院校", audience={"scope": "members", "kinds": ["vocational_school"]}
    )
    event = EventFactory(audience=saved.audience, capacity=10)
    services.register(event=event, by=school_rep, member=school, name="甲")
    with pytest.raises(PermissionDenied):
        services.register(event=event, by=company_rep, member=company, name="乙")
    with pytest.raises(PermissionDenied):
        services.register(event=event, by=UserFactory())  # not in the audience


def test_checking_in_twice_says_so_and_records_once():
    event = EventFactory()
    staff = StaffFactory()
    registration = services.register(event=event, by=UserFactory())
    reg, first = services.check_in_code(event=event, text=registration.code.lower(), by=staff)
    at = reg.checked_in_at
    again, second = services.check_in_code(
        event=event, text=f"https://example.org/events/tickets/{registration.code}/", by=staff
    )
    assert (first, second) == (True, False)
    assert again.checked_in_at == at
    assert event.registrations.filter(checked_in_at__isnull=False).count() == 1


def test_the_waiting_list_and_unknown_codes_cannot_check_in():
    event = EventFactory(capacity=1)
    services.register(event=event, by=UserFactory())
    waiting = services.register(event=event, by=UserFactory())
    with pytest.raises(ValidationError):
        services.check_in(event=event, registration=waiting, by=StaffFactory())
    with pytest.raises(ValidationError):
        services.check_in_code(event=event, text="0000000000000000", by=StaffFactory())
