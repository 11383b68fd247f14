"""A representative records its engineers and interns and finds them in its data-call return."""

from datetime import date

import pytest

from datacalls.models import DataCall, MemberReturn
from datacalls.selectors import suggestions
from people.models import Role
from tests.factories import RepresentativeFactory

from .factories import EnterpriseFactory, PersonFactory, RoleFactory, SchoolFactory

pytestmark = pytest.mark.django_db
K = Role.Kind


@pytest.fixture
def call(db):
    return DataCall.objects.create(year=2021, deadline=date(2030, 1, 31))


def test_enterprise_return_is_prefilled_from_its_records(call):
    enterprise, school = EnterpriseFactory(offers_part_time_teachers=9), SchoolFactory()
    engineer = PersonFactory(member=enterprise)
    RoleFactory(
        person=engineer,
        kind=K.PART_TIME_TEACHER,
        partner=school,
        starts_on=None,
        year=2021,
        term="spring",
        hours=40,
    )
    RoleFactory(
        person=engineer,
        kind=K.PART_TIME_TEACHER,
        partner=school,
        starts_on=None,
        year=2021,
        term="autumn",
        hours=60,
    )
    for _ in range(3):
        RoleFactory(person__member=school, partner=enterprise, starts_on=date(2021, 7, 1))
    RoleFactory(
        person__member=school,
        kind=K.GRADUATE,
        partner=enterprise,
        starts_on=None,
        year=2021,
        outcome="employed",
        salary_band="6000_8000",
    )
    member_return = MemberReturn.objects.create(call=call, member=enterprise, form="enterprise")
    found = suggestions(member_return)
    # 1 engineer (not the 9 the profile offers), 40 + 60 hours, 3 interns, 1 graduate hired
    assert found["part_time_teachers"] == 1
    assert found["teaching_hours"] == 100
    assert found["interns_taken"] == 3
    assert found["graduates_hired"] == 1


def test_school_return_is_prefilled_from_its_records(call):
    school, enterprise = SchoolFactory(), EnterpriseFactory()
    RoleFactory(
        person__member=enterprise,
        kind=K.PART_TIME_TEACHER,
        partner=school,
        starts_on=None,
        year=2021,
        term="autumn",
        hours=64,
    )
    teacher = PersonFactory(member=school)
    for start, end, days in (
        (date(2021, 7, 5), date(2021, 7, 30), 20),
        (date(2021, 8, 2), date(2021, 8, 6), 5),
    ):
        RoleFactory(
            person=teacher,
            kind=K.TEACHER_PRACTICE,
            partner=enterprise,
            starts_on=start,
            ends_on=end,
            days=days,
        )
    RoleFactory(
        person__member=school,
        kind=K.GRADUATE,
        partner=enterprise,
        starts_on=None,
        year=2021,
        outcome="employed",
    )
    RoleFactory(
        person__member=school,
        kind=K.GRADUATE,
        partner=None,
        starts_on=None,
        year=2021,
        outcome="employed",
        employer_name="外部公司",
    )
    member_return = MemberReturn.objects.create(call=call, member=school, form="school")
    found = suggestions(member_return)
    assert found["enterprise_teachers"] == 1
    assert found["enterprise_teacher_hours"] == 64
    assert found["teacher_practice_person_times"] == 2
    assert found["teacher_practice_days"] == 25
    assert found["graduates_hired_by_partners"] == 1


def test_a_member_without_records_keeps_the_guesses(call):
    enterprise = EnterpriseFactory(offers_part_time_teachers=4)
    member_return = MemberReturn.objects.create(call=call, member=enterprise, form="enterprise")
    assert suggestions(member_return)["part_time_teachers"] == 4


def test_the_representative_sees_the_records_in_its_return_form(client_for, call):
    enterprise = EnterpriseFactory()
    user = RepresentativeFactory(member=enterprise).user
    for _ in range(2):
        RoleFactory(person__member=SchoolFactory(), partner=enterprise, starts_on=date(2021, 7, 1))
    member_return = MemberReturn.objects.create(call=call, member=enterprise, form="enterprise")
    response = client_for(user).get(f"/member/returns/{member_return.pk}/")
    assert response.status_code == 200
    assert response.context["form"]["interns_taken"].value() == 2
