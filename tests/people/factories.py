import datetime

import factory
from factory.django import DjangoModelFactory

from members.models import Member
from people.models import Person, Role
from tests.factories import MemberFactory


class SchoolFactory(MemberFactory):
    kind = Member.Kind.VOCATIONAL_SCHOOL
    joined_on = datetime.date(2013, 10, 1)


class EnterpriseFactory(MemberFactory):
    joined_on = datetime.date(2015, 1, 1)


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    member = factory.SubFactory(EnterpriseFactory)
    full_name = factory.Sequence(lambda n: f"测试人员{n}")


class RoleFactory(DjangoModelFactory):
    class Meta:
        model = Role

    person = factory.SubFactory(PersonFactory)
    kind = Role.Kind.INTERN
    partner = factory.SubFactory(EnterpriseFactory)
    starts_on = datetime.date(2021, 7, 1)
