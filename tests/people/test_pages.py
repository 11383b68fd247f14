"""The people pages: filters, query counts fixed on every list, the roles' forms by kind."""

from datetime import date

import pytest

from people.models import Role
from tests.factories import RepresentativeFactory

from .factories import EnterpriseFactory, PersonFactory, RoleFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def many(member, n: int) -> None:
    school = SchoolFactory()
    for i in range(n):
        person = PersonFactory(member=member, phone=f"138{i:08d}", full_name=f"人员{i:03d}")
        RoleFactory(person=person, partner=EnterpriseFactory())
        RoleFactory(
            person=person,
            kind=Role.Kind.PART_TIME_TEACHER,
            partner=school,
            starts_on=None,
            year=2021,
            term="autumn",
            hours=10,
        )


@pytest.mark.parametrize("n", [3, 30])
def test_staff_list_query_count_is_fixed(
    client_for, staff, member, n, django_assert_max_num_queries
):
    many(member, n)
    client = client_for(staff)
    # +2: the site's texts (the group's name, the footer), read once per cache period
    with django_assert_max_num_queries(11):
        response = client.get("/staff/people/?role=intern&year=2021")
    assert response.context["page"].paginator.count == n


@pytest.mark.parametrize("n", [3, 30])
def test_member_list_query_count_is_fixed(
    client_for, representative, member, n, django_assert_max_num_queries
):
    many(member, n)
    client = client_for(representative)
    with django_assert_max_num_queries(11):
        response = client.get("/member/people/")
    assert response.context["page"].paginator.count == n


def test_filters_by_name_role_and_year(client_for, staff):
    RoleFactory(
        person__full_name="周发印",
        kind=Role.Kind.GRADUATE,
        starts_on=None,
        year=2021,
        outcome="employed",
    )
    RoleFactory(person__full_name="张实习", starts_on=date(2022, 7, 1))
    client = client_for(staff)

    def names(query):
        return [p.full_name for p in client.get(f"/staff/people/?{query}").context["page"]]

    assert names("q=发印") == ["周发印"]
    assert names("role=intern") == ["张实习"]
    assert names("year=2021") == ["周发印"]


def test_the_role_form_shows_the_fields_of_its_kind(client_for, staff):
    person = PersonFactory()
    form = (
        client_for(staff).get(f"/people/{person.pk}/roles/new/part_time_teacher/").context["form"]
    )
    assert set(form.fields) == {"partner", "project", "year", "term", "courses", "hours"}


def test_an_unknown_kind_is_404(client_for, staff):
    person = PersonFactory()
    assert client_for(staff).get(f"/people/{person.pk}/roles/new/astronaut/").status_code == 404


def test_staff_confirm_from_the_list(client_for, staff, member):
    rep = RepresentativeFactory(member=member).user
    client = client_for(rep)
    client.post("/people/new/", {"member": member.pk, "full_name": "李工"})
    person = member.people.get()
    assert not person.is_confirmed
    client = client_for(staff)
    response = client.post(f"/staff/people/{person.pk}/confirm/", {"back": "list"})
    assert response.status_code == 302 and response.url == "/staff/people/"
    person.refresh_from_db()
    assert person.is_confirmed


def test_a_representative_removes_a_role_it_keeps(client_for, representative, member):
    role = RoleFactory(person__member=member)
    response = client_for(representative).post(f"/people/roles/{role.pk}/delete/")
    assert response.status_code == 302 and not Role.objects.exists()


def test_mentor_choices_are_the_schools_teachers_and_enterprise_people(client_for, staff):
    school, enterprise = SchoolFactory(), EnterpriseFactory()
    student = PersonFactory(member=school)
    teacher = PersonFactory(member=school, full_name="王老师")
    engineer = PersonFactory(member=enterprise, full_name="李工")
    other_school = PersonFactory(member=SchoolFactory(), full_name="别校老师")
    form = client_for(staff).get(f"/people/{student.pk}/roles/new/apprentice/").context["form"]
    assert teacher in form.fields["school_mentor"].queryset
    assert other_school not in form.fields["school_mentor"].queryset
    assert engineer in form.fields["enterprise_mentor"].queryset
    assert teacher not in form.fields["enterprise_mentor"].queryset


def test_the_staff_member_page_links_to_its_people(client_for, staff, member):
    PersonFactory(member=member, full_name="李工")
    client = client_for(staff)
    body = client.get(f"/staff/members/{member.pk}/").content.decode()
    assert f"/staff/people/?member={member.pk}" in body
    listed = client.get(f"/staff/people/?member={member.pk}").context["page"]
    assert [p.full_name for p in listed] == ["李工"]
