"""/api/v1/people/: filters, access per user, bad input refused whole."""

from datetime import date

import pytest

from people.models import Person, Role
from tests.factories import RepresentativeFactory
from tests.partnerships.factories import ProjectFactory

from .factories import EnterpriseFactory, PersonFactory, RoleFactory, SchoolFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(member):
    """Three people: an engineer of `member`, an intern placed with it, a stranger's graduate."""
    project = ProjectFactory()
    engineer = PersonFactory(member=member, full_name="李工")
    Role.objects.create(
        person=engineer,
        kind=Role.Kind.PART_TIME_TEACHER,
        partner=SchoolFactory(),
        year=2021,
        term="autumn",
        hours=64,
        project=project,
    )
    intern = PersonFactory(member=SchoolFactory(), full_name="张同学")
    RoleFactory(person=intern, partner=member, starts_on=date(2022, 3, 1))
    stranger = PersonFactory(full_name="王同学")
    Role.objects.create(person=stranger, kind=Role.Kind.GRADUATE, year=2021, outcome="employed")
    return {"engineer": engineer, "intern": intern, "stranger": stranger, "project": project}


def names(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["full_name"] for row in response.json()["results"]}


def test_staff_filter_by_role_member_project_and_year(api_client, staff, registry, member):
    api_client.force_authenticate(staff)
    assert names(api_client.get("/api/v1/people/")) == {"李工", "张同学", "王同学"}
    assert names(api_client.get("/api/v1/people/?role=graduate")) == {"王同学"}
    assert names(api_client.get(f"/api/v1/people/?member={member.pk}")) == {"李工", "张同学"}
    assert names(api_client.get(f"/api/v1/people/?project={registry['project'].pk}")) == {"李工"}
    assert names(api_client.get("/api/v1/people/?year=2021")) == {"李工", "王同学"}
    assert names(api_client.get("/api/v1/people/?year=2022")) == {"张同学"}


def test_representative_sees_its_own_and_those_placed_with_it(api_client, representative, registry):
    api_client.force_authenticate(representative)
    assert names(api_client.get("/api/v1/people/")) == {"李工", "张同学"}
    stranger = registry["stranger"]
    assert api_client.get(f"/api/v1/people/{stranger.pk}/").status_code == 404


def test_applicant_and_anonymous_are_refused(api_client, outsider, registry):
    assert api_client.get("/api/v1/people/").status_code == 401
    api_client.force_authenticate(outsider)
    assert api_client.get("/api/v1/people/").status_code == 403
    assert api_client.get("/api/v1/people/roles/").status_code == 403


def test_representative_creates_a_person_and_a_role(api_client, representative, member):
    api_client.force_authenticate(representative)
    response = api_client.post(
        "/api/v1/people/",
        {
            "member": member.pk,
            "full_name": "周发印",
            "origin_region": "云南巧家",
            "phone": "13812345678",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["phone_masked"] == "138****5678" and "phone" not in response.json()
    assert response.json()["confirmed"] is False
    person = Person.objects.get()
    response = api_client.post(
        "/api/v1/people/roles/",
        {
            "person": person.pk,
            "kind": "graduate",
            "year": 2021,
            "outcome": "employed",
            "partner": member.pk,
            "job": "注塑工",
            "salary_band": "6000_8000",
        },
        format="json",
    )
    assert response.status_code == 201, response.content


def test_representative_cannot_create_for_another_organisation(api_client, representative):
    api_client.force_authenticate(representative)
    other = EnterpriseFactory()
    response = api_client.post(
        "/api/v1/people/", {"member": other.pk, "full_name": "甲"}, format="json"
    )
    assert response.status_code == 400 and "member" in response.json()
    assert not Person.objects.exists()


def test_bad_input_names_each_field_and_stores_nothing(api_client, staff, member):
    api_client.force_authenticate(staff)
    person = PersonFactory(member=member)
    response = api_client.post(
        "/api/v1/people/roles/",
        {
            "person": person.pk,
            "kind": "teacher_practice",
            "partner": member.pk,
            "starts_on": "2021-07-10",
            "ends_on": "2021-07-01",
            "days": 500,
        },
        format="json",
    )
    assert response.status_code == 400
    assert {"ends_on"} <= set(response.json())
    assert not Role.objects.exists()


def test_another_representative_cannot_change_a_person(api_client, registry):
    other = RepresentativeFactory().user
    api_client.force_authenticate(other)
    engineer = registry["engineer"]
    response = api_client.patch(f"/api/v1/people/{engineer.pk}/", {"full_name": "x"}, format="json")
    assert response.status_code == 404
    engineer.refresh_from_db()
    assert engineer.full_name == "李工"


def test_the_partner_may_read_but_not_change_the_intern(api_client, representative, registry):
    api_client.force_authenticate(representative)
    intern = registry["intern"]
    assert api_client.get(f"/api/v1/people/{intern.pk}/").status_code == 200
    response = api_client.patch(f"/api/v1/people/{intern.pk}/", {"full_name": "x"}, format="json")
    assert response.status_code == 403


def test_people_are_in_the_openapi_schema(client):
    body = client.get("/api/schema/").content.decode()
    assert "/api/v1/people/" in body and "/api/v1/people/roles/" in body


def test_list_query_count_does_not_grow(api_client, staff, django_assert_max_num_queries):
    for n in range(30):
        RoleFactory(person__full_name=f"人{n}")
    api_client.force_authenticate(staff)
    with django_assert_max_num_queries(8):
        assert api_client.get("/api/v1/people/?page_size=200").status_code == 200


@pytest.mark.parametrize("query", ["year=1000000", "member=99999999999", "project=-1", "year=x"])
def test_filter_values_out_of_range_match_nobody(api_client, staff, registry, query):
    api_client.force_authenticate(staff)
    assert names(api_client.get(f"/api/v1/people/?{query}")) == set()
    assert api_client.get(f"/api/v1/people/roles/?{query}").json()["count"] == 0
