"""/api/v1/events/: events the caller may see, registrations, check-in by staff."""

import pytest
from django.urls import reverse

from events.models import Registration
from tests.factories import MemberFactory, RepresentativeFactory, StaffFactory, UserFactory

from .factories import EventFactory

pytestmark = pytest.mark.django_db


def test_register_through_the_api_then_the_waiting_list(api_client):
    event = EventFactory(capacity=1)
    url = reverse("event-registrations", args=[event.pk])
    first, second = UserFactory(), UserFactory()
    api_client.force_authenticate(first)
    one = api_client.post(url, {"name": "王明"}, format="json")
    api_client.force_authenticate(second)
    two = api_client.post(url, {"name": "李华"}, format="json")
    assert (one.status_code, two.status_code) == (201, 201)
    assert (one.json()["status"], two.json()["status"]) == ("confirmed", "waiting")
    mine = api_client.get(url).json()
    assert [r["name"] for r in mine] == ["李华"]  # each sees their own


def test_a_representative_cannot_register_for_another_member(api_client):
    member, other = MemberFactory(), MemberFactory()
    rep = RepresentativeFactory(member=member).user
    event = EventFactory(capacity=5)
    api_client.force_authenticate(rep)
    url = reverse("event-registrations", args=[event.pk])
    refused = api_client.post(url, {"member": other.pk, "name": "王五"}, format="json")
    assert refused.status_code == 400
    done = api_client.post(url, {"member": member.pk, "name": "赵六"}, format="json")
    assert done.status_code == 201 and done.json()["member"] == member.pk


def test_staff_check_in_twice_through_the_api(api_client):
    event = EventFactory()
    registration = Registration.objects.create(
        event=event, user=UserFactory(), name="张三", status="confirmed"
    )
    api_client.force_authenticate(StaffFactory(roles=["member_affairs"]))
    url = reverse("event-check-in", args=[event.pk])
    first = api_client.post(url, {"code": registration.code}, format="json").json()
    again = api_client.post(url, {"code": registration.code}, format="json").json()
    assert (first["already_checked_in"], again["already_checked_in"]) == (False, True)
    assert first["registration"]["checked_in_at"] == again["registration"]["checked_in_at"]


def test_staff_create_an_event_and_a_bad_one_is_refused(api_client):
    api_client.force_authenticate(StaffFactory(roles=["member_affairs"]))
    url = reverse("event-list")
    bad = {
        "title": "教学研讨会",
        "kind": "seminar",
        "starts_at": "2030-05-10T09:00:00+08:00",
        "ends_at": "2030-05-10T08:00:00+08:00",
    }
    response = api_client.post(url, bad, format="json")
    assert response.status_code == 400
    assert set(response.json()) >= {"ends_at", "place"}
    good = {**bad, "ends_at": "2030-05-10T12:00:00+08:00", "online_url": "https://m.example.cn/1"}
    assert api_client.post(url, good, format="json").status_code == 201


def test_an_event_for_an_audience_is_hidden_from_others(api_client):
    event = EventFactory(audience={"scope": "members", "kinds": ["vocational_school"]})
    api_client.force_authenticate(UserFactory())
    assert api_client.get(reverse("event-detail", args=[event.pk])).status_code == 404
    school_rep = RepresentativeFactory(member=MemberFactory(kind="vocational_school")).user
    api_client.force_authenticate(school_rep)
    assert api_client.get(reverse("event-detail", args=[event.pk])).status_code == 200


def test_the_schema_has_the_events_and_registrations(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    assert "/api/v1/events/{id}/registrations/" in schema["paths"]
    assert "/api/v1/events/{id}/check-in/" in schema["paths"]


def test_the_event_list_counts_each_events_confirmed_places(api_client):
    full, empty = EventFactory(capacity=5, title="甲"), EventFactory(capacity=5, title="乙")
    for n, status in enumerate(["confirmed", "confirmed", "waiting", "cancelled"]):
        Registration.objects.create(event=full, name=f"参会者{n}", status=status, code=f"{n:016X}")
    api_client.force_authenticate(StaffFactory())
    rows = api_client.get(reverse("event-list")).json()["results"]
    assert {row["title"]: row["confirmed"] for row in rows} == {"甲": 2, "乙": 0}
    assert empty.pk in {row["id"] for row in rows}
