from datetime import date

import pytest
from django.core import mail
from django.utils import timezone

from members.demo import demo_credit_code
from members.models import JoinApplication, Member, Representative
from tests.factories import MemberFactory


def join_data(**changes) -> dict:
    return {
        "name": "东莞市宇瞳光学科技股份有限公司",
        "kind": "enterprise",
        "credit_code": demo_credit_code("enterprise", 88_000_001),
        "region": "东莞市长安镇",
        "industry": "光学镜头",
        "contact_name": "刘经理",
        "contact_phone": "13800138000",
        **changes,
    }


@pytest.fixture
def application(client_for, outsider):
    client_for(outsider).post("/join/", join_data())
    return JoinApplication.objects.get()


def test_visitors_are_asked_to_sign_up_or_log_in_first(client, db):
    response = client.get("/join/")
    assert response.status_code == 200
    assert "/accounts/signup/?next=/join/" in response.content.decode()
    assert client.post("/join/", join_data()).status_code == 200
    assert not JoinApplication.objects.exists()


def test_applying_creates_an_applying_member(application, outsider):
    member = application.member
    assert member.status == "applying"
    assert member.joined_on is None
    assert application.applicant == outsider
    assert not Representative.objects.filter(member=member).exists()


def test_duplicate_name_is_refused(client_for, outsider):
    MemberFactory(name="东莞市宇瞳光学科技股份有限公司")
    response = client_for(outsider).post("/join/", join_data())
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert not JoinApplication.objects.exists()


def test_staff_see_similar_members_on_the_application(client_for, staff, application):
    MemberFactory(name="东莞市宇瞳光学科技有限公司")
    response = client_for(staff).get(f"/staff/members/{application.member_id}/")
    assert [m.name for m in response.context["similar"]] == ["东莞市宇瞳光学科技有限公司"]


def test_approval_makes_an_active_member_and_a_representative(
    client_for, staff, outsider, application, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(staff).post(f"/staff/members/{application.member_id}/approve/")
    member = Member.objects.get(pk=application.member_id)
    assert member.status == "active"
    assert member.joined_on == timezone.localdate()
    assert Representative.objects.filter(member=member, user=outsider).exists()
    contact = member.contacts.get()
    assert (contact.name, contact.phone, contact.is_primary) == ("刘经理", "13800138000", True)
    application.refresh_from_db()
    assert application.status == "approved" and application.decided_by == staff
    assert mail.outbox[0].to == [outsider.email]
    assert member.name in mail.outbox[0].subject


def test_rejection_needs_a_reason_and_tells_the_applicant(
    client_for, staff, outsider, application, django_capture_on_commit_callbacks
):
    client = client_for(staff)
    client.post(f"/staff/members/{application.member_id}/reject/", {"reason": ""})
    assert JoinApplication.objects.get().status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/staff/members/{application.member_id}/reject/", {"reason": "不在本地区"})
    application.refresh_from_db()
    assert application.status == "rejected"
    assert application.reason == "不在本地区"
    assert not Member.objects.filter(name=application.organisation_name).exists()
    assert "不在本地区" in mail.outbox[0].body


def test_applicant_cannot_approve_itself(client_for, outsider, application):
    response = client_for(outsider).post(f"/staff/members/{application.member_id}/approve/")
    assert response.status_code == 403
    assert Member.objects.get(pk=application.member_id).status == "applying"


def test_an_application_is_decided_once(client_for, staff, application):
    client = client_for(staff)
    client.post(f"/staff/members/{application.member_id}/approve/")
    member = Member.objects.get(pk=application.member_id)
    member.joined_on = date(2021, 9, 15)
    member.save()
    client.post(f"/staff/members/{application.member_id}/approve/")
    assert Member.objects.get(pk=application.member_id).joined_on == date(2021, 9, 15)


def test_decision_mail_is_sent_once(
    client_for, staff, application, django_capture_on_commit_callbacks
):
    from members.emails import join_decision_queue
    from members.models import JoinApplication

    with django_capture_on_commit_callbacks(execute=True):
        client_for(staff).post(f"/staff/members/{application.member_id}/approve/")
        join_decision_queue(JoinApplication.objects.get(pk=application.pk))
    assert len(mail.outbox) == 1
