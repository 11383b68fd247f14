import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

from accounts.models import User
from members.demo import demo_credit_code
from members.models import Member, Representative


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


class StaffFactory(UserFactory):
    """A secretariat user: the secretary-general unless `roles` says otherwise (`[]`: none)."""

    is_staff = True

    @factory.post_generation
    def roles(user, create, extracted, **kwargs):
        if create:
            names = ["secretary_general"] if extracted is None else extracted
            user.groups.add(*(Group.objects.get_or_create(name=name)[0] for name in names))


class MemberFactory(DjangoModelFactory):
    class Meta:
        model = Member

    name = factory.Sequence(lambda n: f"东莞市测试{n}模具有限公司")
    kind = Member.Kind.ENTERPRISE
    credit_code = factory.Sequence(
        lambda n: demo_credit_code(Member.Kind.ENTERPRISE, 50_000_000 + n)
    )
    region = "东莞市长安镇"
    industry = "模具制造"
    status = Member.Status.ACTIVE
    joined_on = factory.Faker("date_between", start_date="-8y", end_date="-1y")


class RepresentativeFactory(DjangoModelFactory):
    class Meta:
        model = Representative

    member = factory.SubFactory(MemberFactory)
    user = factory.SubFactory(UserFactory)
