from datetime import date, timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from enrollment.demo import demo_resident_id
from enrollment.models import Application, DocumentKind, Intake
from tests.factories import UserFactory


class IntakeFactory(DjangoModelFactory):
    """An intake open now, with a quota and the usual documents required."""

    class Meta:
        model = Intake

    programme = factory.Sequence(lambda n: f"模具制造技术{n}")
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    quota = 100
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    description = "面向在职人员的非全日制中职学历教育。"
    document_kinds = factory.LazyFunction(lambda: [DocumentKind.ID_FRONT, DocumentKind.DIPLOMA])


class ApplicationFactory(DjangoModelFactory):
    class Meta:
        model = Application

    intake = factory.SubFactory(IntakeFactory)
    applicant = factory.SubFactory(UserFactory)
    full_name = factory.Sequence(lambda n: f"张{n}")
    id_number = factory.Sequence(lambda n: demo_resident_id("441900", date(1990, 1, 1), n))
    phone = factory.Sequence(lambda n: f"138{n:08d}")
    education = "高中"


def submitted(**kwargs) -> Application:
    return ApplicationFactory(
        status=Application.Status.SUBMITTED, submitted_at=timezone.now(), **kwargs
    )
