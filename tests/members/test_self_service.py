import pytest

from members.models import Contact, Member
from tests.factories import MemberFactory

from .factories import ContactFactory


def profile_data(member, **changes) -> dict:
    data = {
        "name": member.name,
        "kind": member.kind,
        "credit_code": member.credit_code,
        "region": member.region,
        "industry": member.industry,
        "offers_internship_places": 0,
        "offers_part_time_teachers": 0,
    }
    return {**data, **changes}


def test_representative_lands_on_its_organisation(client_for, representative, member):
    response = client_for(representative).get("/member/", follow=True)
    assert response.redirect_chain[-1][0] == f"/member/{member.pk}/"
    assert member.name in response.content.decode()


def test_representative_edits_profile_but_not_the_membership(client_for, representative, member):
    data = profile_data(
        member,
        industry="精密模具",
        status="left",
        group_role="lead",
        joined_on="2000-01-01",
        offers_internship_places=20,
    )
    response = client_for(representative).post(f"/member/{member.pk}/edit/", data)
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.industry, member.offers_internship_places) == ("精密模具", 20)
    assert (member.status, member.group_role) == ("active", "member")
    assert str(member.joined_on) != "2000-01-01"
    assert member.profile_updated_at is not None
    assert member.history.first().history_user == representative


def test_invalid_profile_keeps_what_was_typed(client_for, representative, member):
    data = profile_data(member, credit_code="123", description="我们的简介")
    response = client_for(representative).post(f"/member/{member.pk}/edit/", data)
    assert response.status_code == 200
    assert "credit_code" in response.context["form"].errors
    assert "我们的简介" in response.content.decode()
    assert Member.objects.get(pk=member.pk).description == ""


@pytest.mark.parametrize("path", ["", "edit/", "contacts/"])
def test_representative_cannot_open_another_member(client_for, representative, path):
    other = MemberFactory()
    client = client_for(representative)
    assert client.get(f"/member/{other.pk}/{path}").status_code == 404
    assert client.post(f"/member/{other.pk}/{path}", profile_data(other)).status_code == 404


@pytest.mark.parametrize("path", ["", "edit/", "contacts/"])
def test_outsider_cannot_open_a_member(client_for, outsider, member, path):
    assert client_for(outsider).get(f"/member/{member.pk}/{path}").status_code == 404


def contacts_form(rows: list[dict], initial: int = 0) -> dict:
    data = {
        "contacts-TOTAL_FORMS": len(rows),
        "contacts-INITIAL_FORMS": initial,
        "contacts-MIN_NUM_FORMS": 0,
        "contacts-MAX_NUM_FORMS": 1000,
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"contacts-{index}-{key}"] = value
    return data


def test_representative_keeps_contacts_with_one_primary(client_for, representative, member):
    old = ContactFactory(member=member, name="旧联系人", is_primary=True)
    client = client_for(representative)
    rows = [
        {"id": old.pk, "name": "旧联系人", "phone": "13800138000"},  # no longer primary
        {"name": "新联系人", "title": "人事经理", "phone": "0769-85321234", "is_primary": "on"},
    ]
    response = client.post(f"/member/{member.pk}/contacts/", contacts_form(rows, initial=1))
    assert response.status_code == 302
    assert Contact.objects.get(is_primary=True).name == "新联系人"
    assert member.contacts.count() == 2


def test_two_primary_contacts_are_refused(client_for, representative, member):
    rows = [
        {"name": "甲", "is_primary": "on"},
        {"name": "乙", "is_primary": "on"},
    ]
    response = client_for(representative).post(
        f"/member/{member.pk}/contacts/", contacts_form(rows)
    )
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors()
    assert not Contact.objects.exists()


def test_contact_changes_show_in_the_member_history(client_for, representative, staff, member):
    old = ContactFactory(member=member, name="王经理", phone="13800138000", title="", email="")
    rows = [{"id": old.pk, "name": "王经理", "phone": "13900139000"}]
    client_for(representative).post(f"/member/{member.pk}/contacts/", contacts_form(rows, 1))
    history = client_for(staff).get(f"/staff/members/{member.pk}/").context["history"]
    entry = history[0]
    assert "王经理" in entry["subject"] and entry["user"] == representative
    assert [(c["old"], c["new"]) for c in entry["changes"]] == [("13800138000", "13900139000")]
