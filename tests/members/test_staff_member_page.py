from datetime import date

import pytest
from django.core import mail

from members.models import Member, Representative
from tests.factories import MemberFactory

from .factories import ContactFactory, ParticipantFactory


def page(member) -> str:
    return f"/staff/members/{member.pk}/"


def test_member_page_shows_profile_contacts_representatives_projects(
    client_for, staff, member, representative
):
    ContactFactory(member=member, name="王经理", is_primary=True)
    ParticipantFactory(member=member, project__title="端品模具设计191班")
    response = client_for(staff).get(page(member))
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        member.name,
        member.credit_code,
        "王经理",
        "端品模具设计191班",
        representative.email,
    ]:
        assert text in html


@pytest.mark.parametrize("who", ["representative", "outsider"])
@pytest.mark.parametrize(
    "action",
    ["", "edit/", "suspend/", "reinstate/", "leave/", "delete/", "invite/", "approve/", "reject/"],
)
def test_back_office_member_views_refuse_non_staff(client_for, request, member, who, action):
    client = client_for(request.getfixturevalue(who))
    response = client.post(page(member) + action, {"left_on": "2022-01-01", "email": "x@x.cn"})
    assert response.status_code == 403
    assert Member.objects.get(pk=member.pk).status == "active"


def test_staff_create_member_and_errors_keep_input(client_for, staff):
    client = client_for(staff)
    data = {
        "name": "东莞极飞无人机科技有限公司",
        "kind": "enterprise",
        "credit_code": "91441900MA4UXXXXX1",
        "region": "东莞市",
        "status": "active",
        "group_role": "member",
        "joined_on": "2021-11-10",
        "offers_internship_places": "0",
        "offers_part_time_teachers": "0",
    }
    response = client.post("/staff/members/new/", data)
    assert response.status_code == 200
    assert "credit_code" in response.context["form"].errors
    assert "东莞极飞无人机科技有限公司" in response.content.decode()
    assert not Member.objects.exists()
    data["credit_code"] = ""
    response = client.post("/staff/members/new/", data)
    member = Member.objects.get()
    assert response.url == page(member)
    assert member.credit_code is None


def test_edit_is_recorded_with_who_and_old_and_new_values(client_for, staff, member):
    client = client_for(staff)
    data = {
        f: getattr(member, f) or ""
        for f in ["name", "kind", "credit_code", "region", "status", "group_role", "joined_on"]
    }
    data.update(industry="精密模具", offers_internship_places=5, offers_part_time_teachers=0)
    assert client.post(page(member) + "edit/", data).status_code == 302
    record = member.history.first()
    assert record.history_user == staff
    html = client.get(page(member)).content.decode()
    assert "模具制造" in html and "精密模具" in html
    entry = client.get(page(member)).context["history"][0]
    assert {"field": "industry", "old": "模具制造", "new": "精密模具"} == {
        "field": "industry",
        "old": entry["changes"][0]["old"],
        "new": entry["changes"][0]["new"],
    }
    assert entry["user"] == staff


def test_suspend_reinstate_and_mark_as_left(client_for, staff, member):
    client = client_for(staff)
    client.post(page(member) + "suspend/")
    assert Member.objects.get(pk=member.pk).status == "suspended"
    client.post(page(member) + "reinstate/")
    assert Member.objects.get(pk=member.pk).status == "active"
    client.post(page(member) + "leave/", {"left_on": "2099-01-01"})
    member.refresh_from_db()
    assert (member.status, member.left_on) == ("left", date(2099, 1, 1))


def test_leaving_before_joining_is_refused_with_a_message(client_for, staff):
    member = MemberFactory(joined_on=date(2021, 1, 1))
    response = client_for(staff).post(
        page(member) + "leave/", {"left_on": "2020-01-01"}, follow=True
    )
    assert Member.objects.get(pk=member.pk).status == "active"
    assert len(list(response.context["messages"])) == 1


def test_delete_when_nothing_refers_to_it(client_for, staff, member):
    client = client_for(staff)
    assert client.get(page(member) + "delete/").status_code == 200
    response = client.post(page(member) + "delete/")
    assert response.url == "/staff/members/"
    assert not Member.objects.filter(pk=member.pk).exists()


def test_delete_refused_when_a_project_refers_to_it(client_for, staff):
    member = ParticipantFactory().member
    response = client_for(staff).post(page(member) + "delete/", follow=True)
    assert Member.objects.filter(pk=member.pk).exists()
    text = " ".join(str(m) for m in response.context["messages"])
    assert member.name in text


def test_staff_invites_representative_from_the_page(
    client_for, staff, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(staff).post(page(member) + "invite/", {"email": "chen@example.com"})
    assert Representative.objects.filter(member=member, user__email="chen@example.com").exists()
    assert mail.outbox[0].to == ["chen@example.com"]
