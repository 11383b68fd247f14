import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from enrollment.models import Application, Intake
from members.models import Contact
from notices.models import Kind, Notice
from partnerships.models import Participant, Project
from tests.factories import MemberFactory, UserFactory


class NoticeFactory(DjangoModelFactory):
    class Meta:
        model = Notice

    title = factory.Sequence(lambda n: f"关于召开2026年第{n}次理事会的通知")
    body = "<p>请各成员单位准时参加。</p>"
    kind = Kind.ANNOUNCEMENT
    audience = factory.LazyFunction(lambda: {"scope": "members"})


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    member = factory.SubFactory(MemberFactory)
    name = factory.Sequence(lambda n: f"联系人{n}")
    email = factory.Sequence(lambda n: f"contact{n}@example.com")


class ProjectFactory(DjangoModelFactory):
    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"模具设计{n}班")
    kind = Project.Kind.ORDER_CLASS
    status = Project.Status.RUNNING


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
    year = 2026
    opens_at = factory.LazyFunction(lambda: timezone.now() - timezone.timedelta(days=10))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=10))


class ApplicationFactory(DjangoModelFactory):
    class Meta:
        model = Application

    intake = factory.SubFactory(IntakeFactory)
    applicant = factory.SubFactory(UserFactory)
    full_name = factory.Sequence(lambda n: f"学员{n}")
    id_number = factory.Sequence(lambda n: f"4419001990010{n:05d}")
    phone = "13800138000"
    education = "初中"
    status = Application.Status.SUBMITTED
