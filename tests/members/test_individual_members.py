import pytest
from django.core import mail

from members.models import IndividualMember

DATA = {
    "full_name": "周发印",
    "phone": "13800138000",
    "employer": "东莞市艾尔玛科技有限公司",
    "job_title": "注塑技术员",
    "expertise": "注塑调机",
}


@pytest.fixture
def applied(client_for, outsider):
    client_for(outsider).post("/join/individual/", DATA)
    return IndividualMember.objects.get()


def test_person_applies_for_individual_membership(applied, outsider):
    assert applied.user == outsider and applied.status == "applying"


def test_bad_phone_is_refused_and_input_kept(client_for, outsider):
    response = client_for(outsider).post("/join/individual/", {**DATA, "phone": "12345"})
    assert response.status_code == 200
    assert "phone" in response.context["form"].errors
    assert "注塑调机" in response.content.decode()
    assert not IndividualMember.objects.exists()


def test_a_second_open_application_is_refused(client_for, outsider, applied):
    client_for(outsider).post("/join/individual/", DATA)
    assert IndividualMember.objects.count() == 1


def test_staff_approve_and_the_person_is_told(
    client_for, staff, outsider, applied, django_capture_on_commit_callbacks
):
    client = client_for(staff)
    assert "周发印" in client.get("/staff/members/individuals/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/staff/members/individuals/{applied.pk}/approve/")
    applied.refresh_from_db()
    assert applied.status == "active" and applied.joined_on and applied.decided_by == staff
    assert mail.outbox[0].to == [outsider.email]


def test_staff_reject_with_a_reason(client_for, staff, applied, django_capture_on_commit_callbacks):
    client = client_for(staff)
    client.post(f"/staff/members/individuals/{applied.pk}/reject/", {"reason": ""})
    assert IndividualMember.objects.get().status == "applying"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/staff/members/individuals/{applied.pk}/reject/", {"reason": "资料不全"})
    assert IndividualMember.objects.get().status == "rejected"
    assert "资料不全" in mail.outbox[0].body


@pytest.mark.parametrize("who", ["representative", "outsider"])
def test_only_staff_review_individuals(client_for, request, who, applied):
    client = client_for(request.getfixturevalue(who))
    assert client.get("/staff/members/individuals/").status_code == 403
    assert client.post(f"/staff/members/individuals/{applied.pk}/approve/").status_code == 403
    assert IndividualMember.objects.get().status == "applying"
