"""Factories for the records the reports count (projects, intakes, applications)."""

from datetime import UTC, datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory
from stdnum.cn import ric

from enrollment.models import Application, Intake
from partnerships.models import Participant, Project
from tests.factories import MemberFactory, UserFactory


class ProjectFactory(DjangoModelFactory):
    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"模具设计{n}班")
    kind = Project.Kind.ORDER_CLASS
    status = Project.Status.RUNNING
    signed_on = factory.Faker("date_between", start_date="-5y", end_date="-1y")
    students = 0
    investment_cny = Decimal("0")


class ParticipantFactory(DjangoModelFactory):
    class Meta:
        model = Participant

    project = factory.SubFactory(ProjectFactory)
    member = factory.SubFactory(MemberFactory)
    role = Participant.Role.ENTERPRISE


class IntakeFactory(DjangoModelFactory):
    class Meta:
        model = Intake

    programme = "模具制造技术"
    year = 2021
    quota = None
    opens_at = factory.LazyAttribute(lambda i: datetime(i.year, 3, 1, tzinfo=UTC))
    closes_at = factory.LazyAttribute(lambda i: datetime(i.year, 9, 30, tzinfo=UTC))


def resident_id(serial: int) -> str:
    first17 = f"4419001990{1 + serial % 12:02d}{1 + serial % 28:02d}{serial % 1000:03d}"
    return first17 + ric.calc_check_digit(first17 + "?")  # independent of the validator


class ApplicationFactory(DjangoModelFactory):
    class Meta:
        model = Application

    intake = factory.SubFactory(IntakeFactory)
    applicant = factory.SubFactory(UserFactory)
    full_name = factory.Sequence(lambda n: f"学员{n}")
    id_number = factory.Sequence(resident_id)
    phone = "13800138000"
    education = "初中"
    status = Application.Status.SUBMITTED
    submitted_at = factory.LazyFunction(lambda: datetime(2021, 4, 1, tzinfo=UTC))
