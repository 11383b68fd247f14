import pytest
from rest_framework.authtoken.models import Token

from members.demo import demo_credit_code
from members.models import Member
from tests.factories import MemberFactory

NEW_CODE = demo_credit_code("enterprise", 66_000_001)


@pytest.fixture
def rep_api(api_client, representative):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=representative)}")
    return api_client


def test_representative_name_change_waits_for_approval_in_the_api(rep_api, member):
    old_name = member.name
    response = rep_api.patch(
        f"/api/v1/members/{member.pk}/",
        {"name": "东莞市端品精密科技股份有限公司", "credit_code": NEW_CODE, "industry": "精密模具"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == old_name
    assert body["pending_name"] == "东莞市端品精密科技股份有限公司"
    assert body["pending_credit_code"] == NEW_CODE
    member.refresh_from_db()
    assert (member.name, member.industry) == (old_name, "精密模具")


def test_representative_name_change_by_form_waits_and_staff_approve(
    client_for, representative, staff, member
):
    data = {
        "name": "新名称有限公司",
        "kind": member.kind,
        "credit_code": member.credit_code,
        "offers_internship_places": 0,
        "offers_part_time_teachers": 0,
    }
    client_for(representative).post(f"/member/{member.pk}/edit/", data)
    member.refresh_from_db()
    assert member.pending_name == "新名称有限公司" and member.name != "新名称有限公司"
    page = client_for(staff).get(f"/staff/members/{member.pk}/").content.decode()
    assert "新名称有限公司" in page
    client_for(staff).post(f"/staff/members/{member.pk}/pending/approve/")
    member.refresh_from_db()
    assert (member.name, member.pending_name) == ("新名称有限公司", None)
    assert member.history.first().history_user == staff


def test_staff_decline_a_pending_change(client_for, staff, member):
    Member.objects.filter(pk=member.pk).update(pending_credit_code=NEW_CODE)
    client_for(staff).post(f"/staff/members/{member.pk}/pending/reject/")
    member.refresh_from_db()
    assert member.pending_credit_code is None and member.credit_code != NEW_CODE


def test_approval_is_refused_when_the_name_was_taken_meanwhile(client_for, staff, member):
    MemberFactory(name="抢先有限公司")
    Member.objects.filter(pk=member.pk).update(pending_name="抢先有限公司")
    response = client_for(staff).post(f"/staff/members/{member.pk}/pending/approve/", follow=True)
    assert Member.objects.get(pk=member.pk).pending_name == "抢先有限公司"
    assert list(response.context["messages"])


def test_representative_cannot_approve_its_own_change(client_for, representative, member):
    Member.objects.filter(pk=member.pk).update(pending_name="自批有限公司")
    client = client_for(representative)
    assert client.post(f"/staff/members/{member.pk}/pending/approve/").status_code == 403
    assert Member.objects.get(pk=member.pk).name != "自批有限公司"


def test_staff_rename_applies_at_once(client_for, staff, member):
    data = {
        "name": "直接改名有限公司",
        "kind": member.kind,
        "credit_code": member.credit_code,
        "status": "active",
        "group_role": "member",
        "offers_internship_places": 0,
        "offers_part_time_teachers": 0,
    }
    client_for(staff).post(f"/staff/members/{member.pk}/edit/", data)
    assert Member.objects.get(pk=member.pk).name == "直接改名有限公司"


def test_representative_kind_change_waits_for_approval_in_the_api(rep_api, member):
    assert member.kind != "university"
    old_kind = member.kind
    response = rep_api.patch(f"/api/v1/members/{member.pk}/", {"kind": "university"})
    assert response.status_code == 200
    assert (response.json()["kind"], response.json()["pending_kind"]) == (old_kind, "university")
    member.refresh_from_db()
    assert (member.kind, member.pending_kind) == (old_kind, "university")
    assert Member.objects.filter(kind="university").count() == 0  # counts by kind unchanged


def test_representative_kind_change_by_form_waits_and_staff_approve(
    client_for, representative, staff, member
):
    old_kind = member.kind
    data = {
        "name": member.name,
        "kind": "government",
        "credit_code": member.credit_code,
        "offers_internship_places": 0,
        "offers_part_time_teachers": 0,
    }
    client_for(representative).post(f"/member/{member.pk}/edit/", data)
    member.refresh_from_db()
    assert (member.kind, member.pending_kind) == (old_kind, "government")
    page = client_for(staff).get(f"/staff/members/{member.pk}/").content.decode()
    assert 'data-testid="pending-change"' in page and "政府部门" in page
    client_for(staff).post(f"/staff/members/{member.pk}/pending/approve/")
    member.refresh_from_db()
    assert (member.kind, member.pending_kind) == ("government", None)


def test_staff_decline_a_pending_kind(client_for, staff, member):
    old_kind = member.kind
    Member.objects.filter(pk=member.pk).update(pending_kind="university")
    client_for(staff).post(f"/staff/members/{member.pk}/pending/reject/")
    member.refresh_from_db()
    assert (member.kind, member.pending_kind) == (old_kind, None)


def test_staff_change_the_kind_at_once(client_for, staff, member):
    response = client_for(staff).patch(
        f"/api/v1/members/{member.pk}/", {"kind": "university"}, content_type="application/json"
    )
    assert response.status_code == 200
    member.refresh_from_db()
    assert (member.kind, member.pending_kind) == ("university", None)
