from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from council import services
from council.models import Term
from members.models import Member
from tests.factories import MemberFactory, StaffFactory, UserFactory

P = Term.Position
pytestmark = pytest.mark.django_db


def _term(position=P.CHAIR, *, member=None, starts_on=date(2019, 10, 18), ends_on=None, **kw):
    return Term(
        position=position,
        member=member or MemberFactory(),
        delegate=kw.pop("delegate", "陈志强"),
        starts_on=starts_on,
        ends_on=ends_on,
        **kw,
    )


def test_a_chair_overlapping_another_holders_term_is_refused():
    services.term_save(term=_term(starts_on=date(2019, 10, 18), ends_on=date(2024, 10, 17)))
    clash = _term(starts_on=date(2024, 10, 17), delegate="王五")  # one day of overlap
    with pytest.raises(ValidationError) as caught:
        services.term_save(term=clash)
    assert "同一时间只能由一人担任" in " ".join(caught.value.messages)
    assert Term.objects.count() == 1


def test_a_term_inside_an_open_ended_term_is_refused():
    services.term_save(term=_term(P.SECRETARY_GENERAL, starts_on=date(2024, 10, 18)))
    inside = _term(P.SECRETARY_GENERAL, starts_on=date(2025, 1, 1), ends_on=date(2025, 6, 30))
    with pytest.raises(ValidationError):
        services.term_save(term=inside)


def test_the_next_chair_may_begin_the_day_after_the_last_ended():
    services.term_save(term=_term(starts_on=date(2019, 10, 18), ends_on=date(2024, 10, 17)))
    services.term_save(term=_term(starts_on=date(2024, 10, 18)))
    assert Term.objects.filter(position=P.CHAIR).count() == 2


def test_vice_chairs_and_directors_serve_side_by_side():
    for position in (P.VICE_CHAIR, P.VICE_CHAIR, P.DIRECTOR, P.DIRECTOR):
        services.term_save(term=_term(position, starts_on=date(2024, 10, 18)))
    assert Term.objects.current().count() == 4


def test_a_term_ending_before_it_begins_is_refused():
    with pytest.raises(ValidationError) as caught:
        services.term_save(
            term=_term(P.DIRECTOR, starts_on=date(2024, 1, 2), ends_on=date(2024, 1, 1))
        )
    assert "ends_on" in caught.value.message_dict


def test_the_database_refuses_two_open_terms_of_a_single_holder():
    """Saved without the model's check (an import, the shell): the constraint still holds."""
    _term(starts_on=date(2020, 1, 1)).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        _term(starts_on=date(2024, 1, 1)).save()


def test_postgresql_refuses_overlapping_dated_terms_of_a_single_holder():
    if connection.vendor != "postgresql":
        pytest.skip("the exclusion constraint exists on PostgreSQL only")
    _term(starts_on=date(2019, 1, 1), ends_on=date(2023, 12, 31)).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        _term(starts_on=date(2023, 12, 31), ends_on=date(2025, 1, 1)).save()
    _term(P.VICE_CHAIR, starts_on=date(2019, 1, 1), ends_on=date(2023, 12, 31)).save()
    _term(P.VICE_CHAIR, starts_on=date(2020, 1, 1), ends_on=date(2025, 1, 1)).save()


def test_group_role_follows_the_council():
    lead, vice, former, bystander = (MemberFactory() for _ in range(4))
    Member.objects.filter(pk=former.pk).update(group_role=Member.GroupRole.VICE_CHAIR)
    today = timezone.localdate()
    services.term_save(term=_term(member=lead, starts_on=today - timedelta(days=30)))
    services.term_save(term=_term(P.VICE_CHAIR, member=vice, starts_on=today))
    services.term_save(
        term=_term(
            P.VICE_CHAIR,
            member=former,
            starts_on=date(2019, 1, 1),
            ends_on=today - timedelta(days=1),
        )
    )
    services.term_save(term=_term(P.DIRECTOR, member=bystander, starts_on=today))
    roles = dict(Member.objects.values_list("pk", "group_role"))
    assert roles[lead.pk] == "lead"
    assert roles[vice.pk] == "vice_chair"
    assert roles[former.pk] == "member"
    assert roles[bystander.pk] == "member"


def test_a_future_term_changes_the_role_on_its_first_day():
    member = MemberFactory()
    starts = timezone.localdate() + timedelta(days=10)
    services.term_save(term=_term(member=member, starts_on=starts))
    member.refresh_from_db()
    assert member.group_role == "member"
    assert services.group_roles_sync(on=starts) == 1
    member.refresh_from_db()
    assert member.group_role == "lead"


def test_without_a_council_the_typed_roles_stay():
    member = MemberFactory(group_role=Member.GroupRole.LEAD)
    assert services.group_roles_sync() == 0
    member.refresh_from_db()
    assert member.group_role == "lead"


def test_the_members_api_shows_the_contracts_value_for_the_chairs_member(client):
    member = MemberFactory()
    services.term_save(term=_term(member=member, starts_on=date(2024, 10, 18)))
    client.force_login(StaffFactory())
    body = client.get(f"/api/v1/members/{member.pk}/").json()
    assert body["group_role"] == "lead"


def test_the_api_lists_the_current_council_to_anyone(client):
    today = timezone.localdate()
    services.term_save(term=_term(starts_on=date(2019, 1, 1), ends_on=date(2020, 1, 1)))
    services.term_save(term=_term(starts_on=today - timedelta(days=3), delegate="周晓梅"))
    rows = client.get("/api/v1/council/?current=true").json()["results"]
    assert [(r["position"], r["delegate"], r["is_current"]) for r in rows] == [
        ("chair", "周晓梅", True)
    ]
    assert len(client.get("/api/v1/council/").json()["results"]) == 2


def test_the_api_refuses_an_overlapping_chair_with_400(client):
    services.term_save(term=_term(starts_on=date(2024, 10, 18)))
    client.force_login(StaffFactory())
    response = client.post(
        "/api/v1/council/",
        {
            "position": "chair",
            "member": MemberFactory().pk,
            "delegate": "王五",
            "starts_on": "2025-01-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "同一时间只能由一人担任" in response.content.decode()
    assert Term.objects.count() == 1


def test_only_governance_changers_write_terms_through_the_api(client):
    payload = {
        "position": "director",
        "member": MemberFactory().pk,
        "delegate": "王五",
        "starts_on": "2025-01-01",
    }
    client.force_login(StaffFactory(roles=["auditor"]))
    assert (
        client.post("/api/v1/council/", payload, content_type="application/json").status_code == 403
    )
    client.force_login(UserFactory())
    assert (
        client.post("/api/v1/council/", payload, content_type="application/json").status_code == 403
    )
    client.force_login(StaffFactory())
    assert (
        client.post("/api/v1/council/", payload, content_type="application/json").status_code == 201
    )


def test_the_staff_form_shows_the_clash_and_keeps_what_was_typed(client):
    services.term_save(term=_term(starts_on=date(2024, 10, 18)))
    client.force_login(StaffFactory())
    member = MemberFactory()
    response = client.post(
        "/staff/council/terms/new/",
        {"position": "chair", "member": member.pk, "delegate": "王五", "starts_on": "2025-03-01"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "同一时间只能由一人担任" in page
    assert 'value="王五"' in page
    assert "council_single_holder" not in page  # no constraint name, only the holder's
    assert Term.objects.count() == 1


def test_the_public_page_shows_the_current_council_not_the_past(client):
    services.term_save(
        term=_term(starts_on=date(2015, 1, 1), ends_on=date(2019, 1, 1), delegate="梁永健")
    )
    services.term_save(term=_term(starts_on=date(2024, 10, 18), delegate="陈志强"))
    page = client.get("/council/").content.decode()
    assert "陈志强" in page
    assert "梁永健" not in page


def test_a_role_typed_against_the_council_is_refused_with_the_reason(client):
    chair, other = MemberFactory(), MemberFactory()
    services.term_save(term=_term(member=chair, starts_on=date(2024, 10, 18)))
    client.force_login(StaffFactory())
    response = client.patch(
        f"/api/v1/members/{other.pk}/", {"group_role": "lead"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "集团角色由理事会任职决定" in response.content.decode()
    other.refresh_from_db()
    assert other.group_role == "member"
    # the role the council gives, and any other field, are accepted as before
    response = client.patch(
        f"/api/v1/members/{chair.pk}/",
        {"group_role": "lead", "industry": "模具制造"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content.decode()


def test_without_a_council_staff_type_the_role_as_before(client):
    member = MemberFactory()
    client.force_login(StaffFactory())
    response = client.patch(
        f"/api/v1/members/{member.pk}/",
        {"group_role": "vice_chair"},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["group_role"] == "vice_chair"
