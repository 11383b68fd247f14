"""Intake reviewers: a reviewer sees and decides only the intakes it reviews, masked."""

import pytest
from django.urls import reverse

from enrollment.models import Application, Document, DocumentKind, Intake
from members.models import Member
from tests.factories import MemberFactory, RepresentativeFactory, StaffFactory

from .conftest import PDF
from .factories import IntakeFactory, submitted

pytestmark = pytest.mark.django_db
S = Application.Status
URL = "/api/v1/enrollment/"


@pytest.fixture
def reviewer():
    return StaffFactory(roles=["enrollment_reviewer"])


@pytest.fixture
def mine(reviewer):
    application = submitted()
    application.intake.reviewers.add(reviewer)
    return application


@pytest.fixture
def theirs():
    return submitted()


def test_the_queue_lists_only_the_reviewed_intakes(client_for, reviewer, mine, theirs):
    page = client_for(reviewer).get(reverse("staff_queue")).content.decode()
    assert mine.full_name in page
    assert theirs.full_name not in page
    overview = client_for(reviewer).get(reverse("staff_enrollment")).content.decode()
    assert mine.intake.programme in overview and theirs.intake.programme not in overview


def test_another_intakes_application_is_not_found_nor_decided(client_for, reviewer, theirs):
    client = client_for(reviewer)
    assert client.get(reverse("staff_application", args=[theirs.pk])).status_code == 404
    url = reverse("staff_application_action", args=[theirs.pk, "approve"])
    assert client.post(url).status_code == 404
    client.post(reverse("staff_bulk"), {"action": "approve", "selected": [theirs.pk]})
    theirs.refresh_from_db()
    assert theirs.status == S.SUBMITTED


def test_the_reviewer_decides_its_intake(client_for, reviewer, mine):
    client_for(reviewer).post(reverse("staff_application_action", args=[mine.pk, "approve"]))
    mine.refresh_from_db()
    assert mine.status == S.APPROVED and mine.decided_by == reviewer


def test_the_api_scopes_and_masks_for_a_reviewer(api_client, reviewer, mine, theirs):
    api_client.force_authenticate(reviewer)
    listed = api_client.get(f"{URL}applications/").json()
    assert [row["id"] for row in listed["results"]] == [mine.pk]
    detail = api_client.get(f"{URL}applications/{mine.pk}/").json()
    assert detail["id_number"] == mine.id_number_masked != mine.id_number
    assert detail["phone"] == mine.phone_masked != mine.phone
    assert not mine.access_log.exists()
    assert api_client.post(f"{URL}applications/{theirs.pk}/approve/").status_code == 404
    assert api_client.post(f"{URL}applications/{mine.pk}/approve/").status_code == 200


def test_reveal_needs_its_permission(client_for, reviewer, mine):
    url = reverse("staff_application", args=[mine.pk]) + "?reveal=1"
    refused = client_for(reviewer).get(url)
    assert refused.status_code == 403
    assert "秘书长" in refused.content.decode()
    page = client_for(reviewer).get(reverse("staff_application", args=[mine.pk])).content.decode()
    assert mine.id_number not in page and mine.phone not in page
    assert "?reveal=1" not in page  # no button that would only be refused
    granted = client_for(StaffFactory()).get(url)
    assert granted.status_code == 200 and mine.id_number in granted.content.decode()


def test_documents_need_their_permission(client_for, reviewer, mine, tmp_path):
    from django.core.files.base import ContentFile

    document = Document.objects.create(
        application=mine,
        kind=DocumentKind.ID_FRONT,
        file=ContentFile(PDF, name="id.pdf"),
        original_name="id.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    url = reverse("enrollment_document", args=[document.pk])
    assert client_for(reviewer).get(url).status_code == 403
    response = client_for(StaffFactory()).get(url)
    assert response.status_code == 200
    response.close()


def test_the_roster_export_needs_its_permission(client_for, reviewer, mine):
    url = reverse("staff_intake_roster", args=[mine.intake.pk])
    assert client_for(reviewer).get(url).status_code == 403
    assert client_for(StaffFactory(roles=["member_affairs"])).get(url).status_code == 403
    assert client_for(StaffFactory()).get(url).status_code == 200


def test_the_secretary_general_sets_reviewers_through_the_api(api_client, reviewer):
    intake = IntakeFactory()
    api_client.force_authenticate(StaffFactory())
    response = api_client.patch(
        f"{URL}intakes/{intake.pk}/", {"reviewers": [reviewer.pk]}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["reviewers"] == [reviewer.pk]
    assert list(intake.reviewers.all()) == [reviewer]


def test_a_reviewer_may_not_choose_reviewers(api_client, reviewer):
    intake = IntakeFactory()
    api_client.force_authenticate(reviewer)
    response = api_client.patch(
        f"{URL}intakes/{intake.pk}/", {"reviewers": [reviewer.pk]}, format="json"
    )
    assert response.status_code == 403
    assert not intake.reviewers.exists()


def test_a_user_without_the_reviewer_role_is_refused_as_reviewer(api_client):
    intake = IntakeFactory()
    projects = StaffFactory(roles=["projects"])
    api_client.force_authenticate(StaffFactory())
    response = api_client.patch(
        f"{URL}intakes/{intake.pk}/", {"reviewers": [projects.pk]}, format="json"
    )
    assert response.status_code == 400 and "reviewers" in response.json()
    assert not intake.reviewers.exists()


def test_a_teacher_reviews_only_its_own_schools_intakes(api_client):
    school = MemberFactory(kind=Member.Kind.VOCATIONAL_SCHOOL)
    other_school = MemberFactory(kind=Member.Kind.VOCATIONAL_SCHOOL)
    teacher = StaffFactory(roles=["enrollment_reviewer"])
    RepresentativeFactory(member=school, user=teacher)
    own, other = IntakeFactory(school=school), IntakeFactory(school=other_school)
    api_client.force_authenticate(StaffFactory())
    refused = api_client.patch(
        f"{URL}intakes/{other.pk}/", {"reviewers": [teacher.pk]}, format="json"
    )
    assert refused.status_code == 400 and "reviewers" in refused.json()
    assert not other.reviewers.exists()
    accepted = api_client.patch(
        f"{URL}intakes/{own.pk}/", {"reviewers": [teacher.pk]}, format="json"
    )
    assert accepted.status_code == 200
    assert list(own.reviewers.all()) == [teacher]


def test_the_intake_form_refuses_a_teacher_for_another_school(client_for):
    school = MemberFactory(kind=Member.Kind.VOCATIONAL_SCHOOL)
    teacher = StaffFactory(roles=["enrollment_reviewer"])
    RepresentativeFactory(member=MemberFactory(kind=Member.Kind.VOCATIONAL_SCHOOL), user=teacher)
    intake = IntakeFactory(school=school)
    data = {
        "programme": intake.programme,
        "year": intake.year,
        "quota": 10,
        "opens_at": "2026-01-01T08:00",
        "closes_at": "2026-03-01T08:00",
        "school": school.pk,
        "reviewers": [teacher.pk],
    }
    response = client_for(StaffFactory()).post(reverse("staff_intake_edit", args=[intake.pk]), data)
    assert response.status_code == 200
    assert "只能审核该校" in response.content.decode()
    intake.refresh_from_db()
    assert intake.quota == 100 and not intake.reviewers.exists()


def test_the_public_does_not_see_reviewers(api_client, mine):
    body = api_client.get(f"{URL}intakes/{mine.intake.pk}/").json()
    assert "reviewers" not in body
    assert Intake.objects.get(pk=mine.intake.pk).reviewers.count() == 1
