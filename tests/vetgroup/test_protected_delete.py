"""Deleting something others still refer to answers 409 naming them, never 500."""

from datetime import date

import pytest

from datacalls.models import DataCall, MemberReturn
from enrollment.models import Intake
from members.models import Member
from partnerships.models import InternshipOffer, Placement
from tests.enrollment.factories import ApplicationFactory
from tests.factories import MemberFactory
from tests.partnerships.factories import OfferFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def test_deleting_an_offer_with_placements_answers_409_naming_them(api_client, staff):
    offer = OfferFactory()
    for _ in range(2):
        Placement.objects.create(
            offer=offer, school=MemberFactory(), students=3, placed_on=date(2026, 3, 2)
        )
    api_client.force_authenticate(staff)
    response = api_client.delete(f"/api/v1/internship-offers/{offer.pk}/")
    assert response.status_code == 409
    assert "实习安排（2）" in response.json()["detail"]  # "placements (2)"
    assert InternshipOffer.objects.filter(pk=offer.pk).exists()


def test_deleting_an_intake_with_applications_answers_409_naming_them(api_client, staff):
    application = ApplicationFactory()
    api_client.force_authenticate(staff)
    response = api_client.delete(f"/api/v1/enrollment/intakes/{application.intake_id}/")
    assert response.status_code == 409
    assert "报名（1）" in response.json()["detail"]  # "applications (1)"
    assert Intake.objects.filter(pk=application.intake_id).exists()


def test_the_intake_delete_page_answers_409_naming_the_applications(client_for, staff):
    application = ApplicationFactory()
    response = client_for(staff).post(f"/staff/enrollment/intakes/{application.intake_id}/delete/")
    assert response.status_code == 409
    assert "报名（1）" in response.content.decode()
    assert Intake.objects.filter(pk=application.intake_id).exists()


def member_with_a_return_and_a_project() -> Member:
    member = ParticipantFactory().member
    call = DataCall.objects.create(year=2024, deadline=date(2025, 3, 31))
    MemberReturn.objects.create(call=call, member=member, form="enterprise")
    return member


def test_the_member_delete_message_names_each_kind_of_reference(api_client, staff):
    member = member_with_a_return_and_a_project()
    api_client.force_authenticate(staff)
    response = api_client.delete(f"/api/v1/members/{member.pk}/")
    assert response.status_code == 409
    detail = response.json()["detail"]
    assert "参与单位（1）" in detail  # "participants (1)"
    assert "成员单位报表（1）" in detail  # "member returns (1)"
    assert Member.objects.filter(pk=member.pk).exists()


def test_the_member_delete_page_names_each_kind_of_reference(client_for, staff):
    member = member_with_a_return_and_a_project()
    response = client_for(staff).post(f"/staff/members/{member.pk}/delete/", follow=True)
    text = " ".join(str(m) for m in response.context["messages"])
    assert "成员单位报表（1）" in text
    assert Member.objects.filter(pk=member.pk).exists()
