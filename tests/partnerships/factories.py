import datetime

import factory
from factory.django import DjangoModelFactory

from partnerships.models import InternshipOffer, Participant, PlanTask, Project, WorkPlan
from tests.factories import MemberFactory


class ProjectFactory(DjangoModelFactory):
    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"校企合作项目{n}")
    kind = Project.Kind.ORDER_CLASS
    status = Project.Status.RUNNING
    signed_on = datetime.date(2021, 3, 10)
    students = 25
    investment_cny = 0


class ParticipantFactory(DjangoModelFactory):
    class Meta:
        model = Participant

    project = factory.SubFactory(ProjectFactory)
    member = factory.SubFactory(MemberFactory)
    role = Participant.Role.ENTERPRISE


class OfferFactory(DjangoModelFactory):
    class Meta:
        model = InternshipOffer

    member = factory.SubFactory(MemberFactory)
    position = "注塑技术员"
    places = 10
    programmes = "模具制造技术"
    location = "东莞市长安镇"
    starts_on = datetime.date(2026, 3, 1)
    ends_on = datetime.date(2026, 8, 31)
    supervisor = "李工"


class WorkPlanFactory(DjangoModelFactory):
    class Meta:
        model = WorkPlan

    year = 2022
    title = factory.Sequence(lambda n: f"2022年度工作计划{n}")


class PlanTaskFactory(DjangoModelFactory):
    class Meta:
        model = PlanTask

    plan = factory.SubFactory(WorkPlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"任务{n}")
