from datetime import date, timedelta

import pytest
from django.utils import timezone

from datacalls import services
from members.models import Member
from partnerships.models import Participant, Project, ProjectClass
from tests.factories import MemberFactory, RepresentativeFactory, StaffFactory
from tests.partnerships.factories import ParticipantFactory, ProjectFactory

YEAR = 2024


@pytest.fixture(autouse=True)
def _english():
    """Messages compared in these tests are the English source texts."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def group(db):
    """A school and two enterprises with representatives, an order class of 35 (selected) they
    share, and an internship of 20."""
    staff = StaffFactory(username="secretary")
    school = MemberFactory(
        name="东莞市机电工程学校",
        kind=Member.Kind.VOCATIONAL_SCHOOL,
        joined_on=date(2013, 10, 18),
    )
    enterprise = MemberFactory(name="东莞市艾尔玛科技有限公司", joined_on=date(2013, 10, 18))
    other = MemberFactory(name="东莞市端品精密科技有限公司", joined_on=date(2013, 10, 18))
    reps = {
        "school": RepresentativeFactory(member=school, user__username="school_rep").user,
        "enterprise": RepresentativeFactory(member=enterprise, user__username="ent_rep").user,
        "other": RepresentativeFactory(member=other, user__username="other_rep").user,
    }
    order_class = ProjectFactory(
        title="艾尔玛模具制造191班",
        kind=Project.Kind.ORDER_CLASS,
        students=35,
        signed_on=date(YEAR, 9, 1),
    )
    ProjectClass.objects.create(project=order_class, name="191班", selected=35, enrolled=31)
    internship = ProjectFactory(
        title="艾尔玛顶岗实习",
        kind=Project.Kind.INTERNSHIP,
        students=20,
        signed_on=date(YEAR, 7, 1),
    )
    for project in (order_class, internship):
        ParticipantFactory(project=project, member=school, role=Participant.Role.SCHOOL)
        ParticipantFactory(project=project, member=enterprise, role=Participant.Role.ENTERPRISE)
    return {
        "staff": staff,
        "school": school,
        "enterprise": enterprise,
        "other": other,
        "reps": reps,
        "order_class": order_class,
        "internship": internship,
    }


@pytest.fixture
def call(group):
    return services.data_call_open(
        by=group["staff"], year=YEAR, deadline=timezone.localdate() + timedelta(days=14)
    )


ENTERPRISE_VALUES = dict(
    partner_schools=1,
    partner_school_names="东莞市机电工程学校",
    cooperation_started=date(2018, 9, 1),
    order_class_students=35,
    courses_developed=1,
    textbooks_developed=0,
    part_time_teachers=3,
    teaching_hours=240,
    interns_taken=20,
    graduates_hired=5,
    money_invested_cny=0,
    equipment_invested_cny=0,
    service_income_cny=0,
)
SCHOOL_VALUES = dict(
    groups_led=1,
    groups_joined=1,
    programmes_with_enterprises=2,
    enterprise_teachers=3,
    enterprise_teacher_hours=240,
    teacher_practice_person_times=4,
    teacher_practice_days=60,
    training_bases_shared=1,
    graduates_hired_by_partners=5,
)


def return_of(call, member):
    return call.returns.get(member=member)


def submit(call, member, user, values, figures: dict | None = None):
    member_return = return_of(call, member)
    figure_values = {
        f.pk: (figures or {}).get(f.project.title, f.recorded_value)
        for f in services.figures_of(member_return)
    }
    return services.return_submit(
        member_return=member_return, by=user, values=values, figure_values=figure_values
    )
