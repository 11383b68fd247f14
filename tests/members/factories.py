import factory
from factory.django import DjangoModelFactory

from members.models import Contact
from partnerships.models import Participant, Project
from tests.factories import MemberFactory  # noqa: F401 - re-exported for the members tests


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    member = factory.SubFactory(MemberFactory)
    name = factory.Sequence(lambda n: f"联系人{n}")
    title = "办公室主任"
    phone = "13800138000"
    email = factory.Sequence(lambda n: f"contact{n}@example.com")


class ProjectFactory(DjangoModelFactory):
    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"模具订单班{n}")
    kind = Project.Kind.ORDER_CLASS
    status = Project.Status.RUNNING


class ParticipantFactory(DjangoModelFactory):
    class Meta:
        model = Participant

    project = factory.SubFactory(ProjectFactory)
    member = factory.SubFactory(MemberFactory)
    role = Participant.Role.ENTERPRISE
