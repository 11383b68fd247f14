import pytest

from members.models import Member
from partnerships.models import Participant, Project
from tests.factories import MemberFactory, StaffFactory

from .factories import ParticipantFactory, ProjectFactory

URL = "/api/v1/projects/"


@pytest.fixture
def staff_api(api_client, staff):
    api_client.force_authenticate(staff)
    return api_client


def industry_college(school, enterprise, site, office) -> dict:
    return {
        "title": "捷荣产业学院",
        "kind": "industry_college",
        "status": "negotiating",
        "starts_on": "2021-09-01",
        "ends_on": "2024-08-31",
        "students": 0,
        "investment_cny": "0.00",
        "participants": [
            {"member": school.pk, "role": "school"},
            {"member": enterprise.pk, "role": "enterprise"},
            {"member": site.pk, "role": "site_provider"},
            {"member": office.pk, "role": "coordinator"},
        ],
    }


def test_staff_creates_a_project_with_four_participants(staff_api, db):
    members = MemberFactory.create_batch(4)
    response = staff_api.post(URL, industry_college(*members), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["investment_cny"] == "0.00"
    assert {p["role"] for p in body["participants"]} == {
        "school",
        "enterprise",
        "site_provider",
        "coordinator",
    }
    project = Project.objects.get(pk=body["id"])
    assert project.participants.count() == 4


def test_unknown_participant_refuses_the_whole_project(staff_api, db):
    members = MemberFactory.create_batch(4)
    data = industry_college(*members)
    data["participants"][2]["member"] = 999_999
    response = staff_api.post(URL, data, format="json")
    assert response.status_code == 400
    assert "participants" in response.json()
    assert Project.objects.count() == 0
    assert Participant.objects.count() == 0


def test_bad_role_refuses_the_whole_project(staff_api, db):
    members = MemberFactory.create_batch(4)
    data = industry_college(*members)
    data["participants"][0]["role"] = "sponsor"
    response = staff_api.post(URL, data, format="json")
    assert response.status_code == 400
    assert Project.objects.count() == 0


@pytest.mark.parametrize(
    "field, value",
    [("students", -1), ("investment_cny", "-0.01"), ("investment_cny", "lots"), ("kind", "x")],
)
def test_bad_values_are_named_in_a_400(staff_api, db, field, value):
    data = industry_college(*MemberFactory.create_batch(4))
    data[field] = value
    response = staff_api.post(URL, data, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Project.objects.count() == 0


def test_end_before_start_is_refused(staff_api, db):
    data = industry_college(*MemberFactory.create_batch(4))
    data["ends_on"] = "2021-08-31"
    response = staff_api.post(URL, data, format="json")
    assert response.status_code == 400
    assert "ends_on" in response.json()
    assert Project.objects.count() == 0


def test_patch_end_before_existing_start_is_refused(staff_api, db):
    project = ProjectFactory(starts_on="2021-09-01")
    response = staff_api.patch(f"{URL}{project.pk}/", {"ends_on": "2021-01-01"}, format="json")
    assert response.status_code == 400
    project.refresh_from_db()
    assert project.ends_on is None


def test_agreement_expiring_before_signing_is_refused_by_the_model_rule(staff_api, db):
    data = industry_college(*MemberFactory.create_batch(4))
    data.update(status="signed", signed_on="2021-03-10", expires_on="2021-03-09")
    response = staff_api.post(URL, data, format="json")
    assert response.status_code == 400
    assert "expires_on" in response.json()
    assert Project.objects.count() == 0


def test_patch_expiry_before_existing_signing_is_refused(staff_api, db):
    project = ProjectFactory(signed_on="2021-03-10", expires_on=None)
    response = staff_api.patch(f"{URL}{project.pk}/", {"expires_on": "2020-01-01"}, format="json")
    assert response.status_code == 400
    assert "expires_on" in response.json()
    project.refresh_from_db()
    assert project.expires_on is None


def test_update_replaces_participants_atomically(staff_api, db):
    project = ProjectFactory()
    keep = ParticipantFactory(project=project, role="school")
    ParticipantFactory(project=project, role="enterprise")
    newcomer = MemberFactory()
    response = staff_api.patch(
        f"{URL}{project.pk}/",
        {
            "participants": [
                {"member": keep.member_id, "role": "school"},
                {"member": newcomer.pk, "role": "enterprise"},
            ]
        },
        format="json",
    )
    assert response.status_code == 200
    assert set(project.participants.values_list("member_id", flat=True)) == {
        keep.member_id,
        newcomer.pk,
    }
    bad = staff_api.patch(
        f"{URL}{project.pk}/",
        {"title": "改名", "participants": [{"member": 0, "role": "school"}]},
        format="json",
    )
    assert bad.status_code == 400
    project.refresh_from_db()
    assert project.title != "改名"
    assert project.participants.count() == 2


def test_duplicate_participant_is_refused(staff_api, db):
    member = MemberFactory()
    data = {
        "title": "订单班",
        "kind": "order_class",
        "participants": [{"member": member.pk, "role": "school"}] * 2,
    }
    response = staff_api.post(URL, data, format="json")
    assert response.status_code == 400
    assert Project.objects.count() == 0


def test_filters_by_kind_status_member_and_year(staff_api, db):
    member = MemberFactory()
    counted = ProjectFactory(kind="internship", status="running", signed_on="2021-05-01")
    ParticipantFactory(project=counted, member=member)
    ProjectFactory(kind="internship", status="negotiating", signed_on="2021-05-01")
    ProjectFactory(
        kind="order_class", status="finished", signed_on="2019-05-01", ends_on="2020-06-30"
    )
    ProjectFactory(kind="order_class", status="running", signed_on="2022-02-01")

    def ids(query):
        response = staff_api.get(URL + query)
        assert response.status_code == 200
        return {row["id"] for row in response.json()["results"]}

    assert ids("?kind=internship") == set(
        Project.objects.filter(kind="internship").values_list("id", flat=True)
    )
    assert ids("?status=running&kind=internship") == {counted.pk}
    assert ids(f"?member={member.pk}") == {counted.pk}
    assert ids("?year=2021") == {counted.pk}
    assert ids("?year=2021") == set(Project.objects.counting_for(2021).values_list("id", flat=True))


def test_bad_filter_value_is_a_400(staff_api, db):
    assert staff_api.get(URL + "?status=dreaming").status_code == 400
    assert staff_api.get(URL + "?year=soon").status_code == 400


def test_list_is_paginated_as_the_contract_says(staff_api, db):
    ProjectFactory.create_batch(3)
    body = staff_api.get(URL + "?page_size=2").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 3
    assert len(body["results"]) == 2


def test_list_query_count_does_not_grow_with_projects(staff_api, db, django_assert_max_num_queries):
    for project in ProjectFactory.create_batch(30):
        ParticipantFactory.create_batch(3, project=project)
    with django_assert_max_num_queries(6):
        response = staff_api.get(URL + "?page_size=30")
    assert len(response.json()["results"]) == 30
    assert all(len(row["participants"]) == 3 for row in response.json()["results"])


def test_representative_reads_only_its_members_projects(api_client, representative, member):
    own = ProjectFactory()
    ParticipantFactory(project=own, member=member)
    ParticipantFactory(project=own)  # a second participant must not duplicate the row
    other = ProjectFactory()
    api_client.force_authenticate(representative)
    body = api_client.get(URL).json()
    assert [row["id"] for row in body["results"]] == [own.pk]
    assert api_client.get(f"{URL}{own.pk}/").status_code == 200
    assert api_client.get(f"{URL}{other.pk}/").status_code == 404


def test_representative_cannot_write_projects(api_client, representative, member):
    own = ProjectFactory(title="原名")
    ParticipantFactory(project=own, member=member)
    api_client.force_authenticate(representative)
    assert api_client.patch(f"{URL}{own.pk}/", {"title": "x"}, format="json").status_code == 403
    assert api_client.delete(f"{URL}{own.pk}/").status_code == 403
    response = api_client.post(URL, {"title": "x", "kind": "other"}, format="json")
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.title == "原名"


def test_outsider_is_refused(api_client, outsider):
    project = ProjectFactory()
    api_client.force_authenticate(outsider)
    assert api_client.get(URL).status_code == 403
    assert api_client.get(f"{URL}{project.pk}/").status_code in (403, 404)


def test_anonymous_gets_401(api_client, db):
    assert api_client.get(URL).status_code == 401


def test_token_client_reads_projects(api_client, db):
    user = StaffFactory(roles=["projects"])
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=user)
    ProjectFactory()
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api_client.get(URL).json()["count"] == 1


def test_staff_deletes_a_project(staff_api, db):
    project = ProjectFactory()
    ParticipantFactory(project=project)
    assert staff_api.delete(f"{URL}{project.pk}/").status_code == 204
    assert not Project.objects.exists()
    assert Member.objects.count() == 1


def test_staff_moves_a_project_through_the_api(staff_api, db):
    project = ProjectFactory(status="negotiating", signed_on=None)
    response = staff_api.post(
        f"{URL}{project.pk}/move/", {"status": "signed", "on": "2021-03-10"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "signed"
    assert response.json()["signed_on"] == "2021-03-10"


def test_api_refuses_a_move_the_pipeline_forbids(staff_api, db):
    project = ProjectFactory(status="proposed", signed_on=None)
    response = staff_api.post(f"{URL}{project.pk}/move/", {"status": "running"}, format="json")
    assert response.status_code == 400
    assert "status" in response.json()
    project.refresh_from_db()
    assert project.status == "proposed"
    assert not project.events.exists()


def test_representative_cannot_move_its_project(api_client, representative, member):
    project = ProjectFactory(status="negotiating")
    ParticipantFactory(project=project, member=member)
    api_client.force_authenticate(representative)
    response = api_client.post(f"{URL}{project.pk}/move/", {"status": "signed"}, format="json")
    assert response.status_code == 403


def test_api_move_to_an_unknown_status_is_a_400(staff_api, db):
    project = ProjectFactory(status="proposed")
    response = staff_api.post(f"{URL}{project.pk}/move/", {"status": "dreaming"}, format="json")
    assert response.status_code == 400
    assert "status" in response.json()
